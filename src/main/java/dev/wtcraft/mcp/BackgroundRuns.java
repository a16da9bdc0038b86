package dev.wtcraft.mcp;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.GitException;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.Redaction;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.plan.RecipeException;
import dev.wtcraft.run.RunReport;
import dev.wtcraft.run.RunService;
import dev.wtcraft.task.Protocol;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The runs this server started, each on a thread of its own through {@link RunService} as `wtcraft run` does: the
 * last step each task reported (its live stage), whoever watches its progress, and how it ended.
 */
final class BackgroundRuns {
    /** One run: its service, thread, live stages, watchers, and its report or failure once it ended. */
    static final class Entry {
        final RunService service;
        final Thread thread;
        final Map<String, String> stages = new ConcurrentHashMap<>();
        final List<Consumer<String>> watchers = new CopyOnWriteArrayList<>();
        volatile RunReport report;
        volatile Map<String, Object> failure;

        Entry(RunService service, Thread thread) {
            this.service = service;
            this.thread = thread;
        }

        boolean running() {
            return thread.isAlive();
        }
    }

    private final RepoLayout layout;
    private final Map<String, String> env;
    private final Map<String, Entry> runs = new ConcurrentHashMap<>();
    /** Told each run's id once it ended (its ledger complete). */
    private volatile Consumer<String> onEnd = id -> { };

    BackgroundRuns(RepoLayout layout, Map<String, String> env) {
        this.layout = layout;
        this.env = env;
    }

    /**
     * Starts a run and returns once it has a ledger (its id from {@link RunService#runId()}), or once it was refused:
     * then {@link Entry#failure} is the error document `run --json` prints, with the same message. The recipe is
     * loaded here, as `run` loads it: an untrusted library or a broken recipe is refused before any thread starts.
     */
    Entry start(String recipe, List<Map<String, Object>> inline, List<String> only, Integer jobs)
            throws InterruptedException {
        Entry[] self = new Entry[1];
        java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
        RunService.Listener listener = (task, message) -> {
            Entry e = self[0];
            String line = Redaction.apply(message);
            e.stages.put(task, line);
            e.watchers.forEach(w -> w.accept("[" + task + "] " + line));
            if (e.service.runId() != null) {
                opened.countDown();
            }
        };
        Map<String, Object> refused = null;
        RunService service = null;
        try {
            if (jobs != null && jobs < 1) {
                throw WtcraftException.fatal("--jobs must be 1 or more, not " + jobs);
            }
            Plan plan = plan(layout, recipe, inline, only);
            service = new RunService(layout, plan, env, listener, jobs, null);
        } catch (RuntimeException x) {
            refused = failure("run", x);
        }
        RunService s = service;
        Thread thread = new Thread(() -> {
            Entry e = self[0];
            try {
                if (s != null) {
                    e.report = s.run();
                }
            } catch (RuntimeException x) {
                e.failure = failure("run", x);
            } finally {
                opened.countDown();
                if (s != null && s.runId() != null) {
                    onEnd.accept(s.runId());
                }
            }
        }, "wtcraft-mcp-run");
        Entry entry = new Entry(service, thread);
        entry.failure = refused;
        self[0] = entry;
        if (refused != null) {
            return entry;
        }
        thread.start();
        opened.await();
        String id = service.runId();
        if (id != null) {
            runs.put(id, entry);
        }
        return entry;
    }

    /** The recipe (default wtcraft.groovy), or the tasks given inline with its engines and defaults, as a plan. */
    static Plan plan(RepoLayout layout, String recipe, List<Map<String, Object>> inline, List<String> only) {
        Path file = recipe == null ? layout.root().resolve("wtcraft.groovy") : layout.root().resolve(recipe).normalize();
        return Plan.of(inline == null ? dev.wtcraft.dsl.Recipes.load(file) : dev.wtcraft.dsl.Recipes.inline(file, inline), only);
    }

    void onEnd(Consumer<String> listener) {
        this.onEnd = listener;
    }

    Map<String, String> env() {
        return env;
    }

    /** A run this server started, or null. */
    Entry get(String runId) {
        return runs.get(runId);
    }

    /** Stops every run still going, as Ctrl-C would, and waits for each to write its ledger (the client went away). */
    void interruptAll() throws InterruptedException {
        runs.values().forEach(e -> e.service.interrupt());
        for (Entry e : runs.values()) {
            e.thread.join(30_000);
        }
    }

    /** The error document `COMMAND --json` prints for this failure, with the CLI's message (BaseCommand's mapping). */
    static Map<String, Object> failure(String command, RuntimeException x) {
        if (x instanceof RecipeException r) {
            return Protocol.error(command, r.exitCode(), r.getMessage());
        }
        if (x instanceof WtcraftException w) {
            return Protocol.error(command, w.exitCode(), w.getMessage());
        }
        if (x instanceof GitException g) {
            return Protocol.error(command, ExitCodes.FATAL, "git: " + g.getMessage());
        }
        if (x instanceof java.io.UncheckedIOException u) {
            return Protocol.error(command, ExitCodes.FATAL, u.getMessage());
        }
        return Protocol.error(command, ExitCodes.FATAL, "internal error: " + x);
    }
}
