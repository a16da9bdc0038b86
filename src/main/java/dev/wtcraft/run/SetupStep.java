package dev.wtcraft.run;

import dev.wtcraft.engine.EngineRun;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.ledger.LedgerDocument;
import dev.wtcraft.ledger.SetupRecord;
import dev.wtcraft.model.Setup;
import dev.wtcraft.process.StepRunner;
import dev.wtcraft.task.TaskWorktree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task's `setup { }` in its fresh worktree, before the engine: each step under the task's sandbox, environment and
 * policy, its output into the ledger line by line, `setup.json` at the end. What a setup makes must be ignored by
 * git (build output, dependencies): a file git would see would be committed as the engine's work and judged against
 * the contract, so a setup that leaves one fails, naming it.
 */
final class SetupStep {
    private static final Set<String> CONTRACT_FILES = Set.of(".worktree-task.md", ".worktree-state.json");

    private SetupStep() {
    }

    /** How the setup went: passed, or why not. */
    record Result(boolean passed, String reason) {
    }

    /** @return null when the task has no setup */
    static Result run(TaskContext t, TaskWorktree wt) {
        Setup setup = t.task().setup();
        if (setup == null) {
            dev.wtcraft.contract.SetupMade.remove(t.layout(), t.name());
            return null;
        }
        Instant started = Instant.now();
        Instant deadline = started.plus(setup.limit());
        t.step("setup: " + setup.steps().size() + " step" + (setup.steps().size() == 1 ? "" : "s"));
        t.events().append("setup.started", Map.of("steps", setup.steps().size(),
                "timeout_seconds", setup.limit().toSeconds()));
        Set<String> before = visibleToGit(wt.path()).keySet();
        List<SetupRecord.Step> done = new ArrayList<>();
        String reason = null;
        try (Sandboxes.Confinement sandbox = Confine.setup(t, wt)) {
            CommandGate gate = new CommandGate(t.task().policy(), t.control().approvals,
                    dev.wtcraft.io.Terminal::confirm, t.events());
            EngineRun.Boundary boundary = Confine.boundary(t.task(), t.control(), sandbox, false, null);
            Runner runner = new Runner(t, wt, sandbox, boundary, gate, deadline);
            for (int i = 0; i < setup.steps().size() && reason == null; i++) {
                SetupRecord.Step s = runner.step(i + 1, setup.steps().get(i));
                done.add(s);
                t.events().append("setup.step", stepEvent(s));
                reason = s.passed() ? null : "setup step " + s.index() + " (" + s.what() + ") " + s.reason();
            }
        }
        if (reason == null) {
            Map<String, Boolean> seen = visibleToGit(wt.path());
            seen.keySet().removeAll(before);
            Set<String> changed = new LinkedHashSet<>();
            Set<String> left = new LinkedHashSet<>();
            seen.forEach((path, tracked) -> (tracked ? changed : left).add(path));
            if (!changed.isEmpty()) {
                reason = "setup changed tracked files: " + String.join(", ", first(changed))
                        + " (they would count as the task's changes: a setup may add ignored files, never change"
                        + " what git tracks)";
            } else if (!left.isEmpty()) {
                boolean links = left.stream().anyMatch(p -> Files.isSymbolicLink(wt.path().resolve(p)));
                reason = "setup left files git does not ignore: " + String.join(", ", first(left))
                        + " (they would count as the task's changes: add them to .gitignore"
                        + (links ? "; a link is a symlink, which a pattern ending in / does not match" : "") + ")";
            }
        }
        if (reason == null) {
            var tree = new dev.wtcraft.git.WorkingTree(wt.path(), dev.wtcraft.contract.TaskFiles::isLocalTaskFile);
            dev.wtcraft.contract.SetupMade.record(t.layout(), t.name(), wt.path(),
                    dev.wtcraft.task.IgnoredFiles.toJudge(tree, tree.ignored(), t.task().def().offLimits()));
        }
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        t.ledger().write("setup.json", new SetupRecord(LedgerDocument.SCHEMA_VERSION, reason == null, reason, seconds,
                done));
        t.events().append("setup.finished", reason == null ? Map.of("result", "pass")
                : Map.of("result", "fail", "reason", reason));
        if (reason == null) {
            t.step("setup done");
        }
        return new Result(reason == null, reason);
    }

    private static Map<String, Object> stepEvent(SetupRecord.Step s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", s.index());
        m.put("kind", s.kind());
        m.put("what", s.what());
        m.put("status", s.status());
        if (s.exitCode() != null) {
            m.put("exit_code", s.exitCode());
        }
        m.put("duration_seconds", s.durationSeconds());
        if (s.cacheKey() != null) {
            m.put("cache_key", s.cacheKey());
        }
        if (s.reason() != null) {
            m.put("reason", s.reason());
        }
        return m;
    }

    private static List<String> first(Set<String> paths) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            if (out.size() == 5) {
                out.add("and " + (paths.size() - 5) + " more");
                break;
            }
            out.add(p);
        }
        return out;
    }

    /**
     * The worktree's entries git would show (changed or untracked, not ignored), the contract's files aside, each
     * with whether git tracks it.
     */
    private static Map<String, Boolean> visibleToGit(Path worktree) {
        byte[] out = new GitCli(worktree).bytes("status", "--porcelain=v1", "-z", "--no-renames",
                "--untracked-files=normal", "--ignore-submodules=all");
        Map<String, Boolean> paths = new LinkedHashMap<>();
        for (byte[] entry : GitCli.splitNul(out)) {
            String line = new String(entry, java.nio.charset.StandardCharsets.UTF_8);
            if (line.length() > 3) {
                String path = line.substring(3);
                if (!CONTRACT_FILES.contains(path)) {
                    paths.put(path, !line.startsWith("??"));
                }
            }
        }
        return paths;
    }

    /** Runs the steps of one setup. */
    private record Runner(TaskContext t, TaskWorktree wt, Sandboxes.Confinement sandbox, EngineRun.Boundary boundary,
                          CommandGate gate, Instant deadline) {
        SetupRecord.Step step(int index, Setup.Action action) {
            Instant start = Instant.now();
            try {
                return switch (action.kind()) {
                    case RUN -> run(index, action, start);
                    case COPY -> {
                        copy(action);
                        yield ok(index, action, start, null, null, "pass");
                    }
                    case LINK -> {
                        link(action);
                        yield ok(index, action, start, null, null, "pass");
                    }
                };
            } catch (SetupException e) {
                return failed(index, action, start, null, null, e.getMessage());
            } catch (IOException | UncheckedIOException e) {
                return failed(index, action, start, null, null, "failed: " + e.getMessage());
            }
        }

        private SetupRecord.Step run(int index, Setup.Action action, Instant start) throws IOException {
            String refused = gate.refusal(action.text(), "setup");
            if (refused != null) {
                return failed(index, action, start, 126, null, "was " + refused);
            }
            SetupCache.Entry cache = action.cache().isEmpty() ? null : SetupCache.entry(t.layout(), wt.path(), action);
            if (cache == null) {
                return command(index, action, start, null);
            }
            synchronized (cache.monitor()) {
                try (var lock = cache.lock()) {
                    if (cache.exists()) {
                        cache.materialize(wt.path(), sandbox.enforced());
                        t.step("setup " + index + ": " + action.text() + " (cached)");
                        return ok(index, action, start, null, cache.key(), "cached");
                    }
                    SetupRecord.Step ran = command(index, action, start, cache.key());
                    if (ran.passed()) {
                        cache.fill(wt.path());
                        cache.materialize(wt.path(), sandbox.enforced());
                    }
                    return ran;
                }
            }
        }

        /** The last line of a step's output that says something, kept as it streams (already redacted). */
        private static void keepLast(java.util.concurrent.atomic.AtomicReference<String> last, String line) {
            if (!line.isBlank()) {
                last.set(line.strip());
            }
        }

        private static String lastWords(String line) {
            if (line == null) {
                return "";
            }
            return " (its last words: " + (line.length() > 200 ? line.substring(0, 200) + "..." : line) + ")";
        }

        private SetupRecord.Step command(int index, Setup.Action action, Instant start, String cacheKey) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return failed(index, action, start, null, cacheKey, "did not start: the setup's timeout had passed");
            }
            Duration timeout = action.timeout() != null && action.timeout().compareTo(left) < 0 ? action.timeout() : left;
            t.step("setup " + index + ": " + action.text());
            Map<String, String> env = boundary.baseEnv();
            var events = t.events();
            var lastOut = new java.util.concurrent.atomic.AtomicReference<String>();
            var lastErr = new java.util.concurrent.atomic.AtomicReference<String>();
            StepRunner.Outcome o = StepRunner.run(wt.path(),
                    boundary.confine(List.of("bash", "-lc", action.text()), env),
                    events.lines("setup.stdout", Map.of("step", index), line -> keepLast(lastOut, line)),
                    events.lines("setup.stderr", Map.of("step", index), line -> keepLast(lastErr, line)),
                    timeout, env, t.control()::running);
            t.control().running(null);
            if (o.timedOut()) {
                return failed(index, action, start, -1, cacheKey, "timed out after " + timeout.toSeconds() + "s");
            }
            if (o.exitCode() != 0) {
                return failed(index, action, start, o.exitCode(), cacheKey, "exited " + o.exitCode()
                        + (o.exitCode() == 126 || o.exitCode() == 127 ? " (command not runnable or not found)" : "")
                        + lastWords(lastErr.get() != null ? lastErr.get() : lastOut.get())
                        + ": its output is in the setup.stdout and setup.stderr events");
            }
            return ok(index, action, start, 0, cacheKey, "pass");
        }

        /** A file or directory of the worktree, else of the main checkout (an untracked `.env`), copied. */
        private void copy(Setup.Action action) throws IOException {
            Path from = wt.path().resolve(action.text());
            if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                from = t.layout().root().resolve(action.text());
            }
            if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                throw new SetupException("failed: " + action.text() + " is in neither the worktree nor the main checkout");
            }
            Path to = wt.path().resolve(action.to());
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                throw new SetupException("failed: " + action.to() + " already exists in the worktree");
            }
            SetupCache.copyTree(from, to);
        }

        /** The main checkout's path, linked into the worktree (read-only inside a sandbox). */
        private void link(Setup.Action action) throws IOException {
            Path from = t.layout().root().toAbsolutePath().normalize().resolve(action.text());
            if (!Files.exists(from)) {
                throw new SetupException("failed: the main checkout has no " + action.text()
                        + " (install it there first, or make it in the task with run)");
            }
            Path to = wt.path().resolve(action.text());
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                throw new SetupException("failed: " + action.text() + " already exists in the worktree");
            }
            Files.createDirectories(to.getParent());
            Files.createSymbolicLink(to, from);
        }

        private static SetupRecord.Step ok(int index, Setup.Action a, Instant start, Integer exit, String key,
                                           String status) {
            return new SetupRecord.Step(index, a.kind().wire(), a.describe(), status, exit, seconds(start), key, null);
        }

        private static SetupRecord.Step failed(int index, Setup.Action a, Instant start, Integer exit, String key,
                                               String reason) {
            return new SetupRecord.Step(index, a.kind().wire(), a.describe(), "fail", exit, seconds(start), key, reason);
        }

        private static double seconds(Instant start) {
            return Duration.between(start, Instant.now()).toMillis() / 1000.0;
        }
    }

    /** A step that cannot do what it says, with the words the ledger records. */
    static final class SetupException extends IOException {
        SetupException(String message) {
            super(message);
        }
    }
}
