package dev.wtcraft.engine;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.GitException;
import dev.wtcraft.model.EngineKind;
import dev.wtcraft.model.EngineSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays a recorded agent stream back through that CLI's parser into the ledger. A bare recording applies nothing
 * (recipes tested without an agent, parsers exercised on real recordings); a bundle ({@code wtcraft export}) also
 * applies its change to the worktree with git, so the task's check, verification and review see the recorded change.
 */
public final class ReplayEngine implements Engine {
    private final EngineSpec spec;
    private final PriceTable prices;

    public ReplayEngine(EngineSpec spec, PriceTable prices) {
        this.spec = spec;
        this.prices = prices;
    }

    @Override
    public String describe() {
        EngineSpec.Replay r = spec.replay();
        if (r.task() != null) {
            return "replay of task " + r.task() + " of run " + r.recording().getFileName() + " (" + r.as().wire() + ")";
        }
        return "replay of " + r.recording().getFileName() + (r.bundle() ? " (bundle, " : " (") + r.as().wire() + ")";
    }

    @Override
    public EngineResult run(EngineRun run) {
        return spec.replay().bundle() ? runBundle(run) : runRecording(run);
    }

    private EngineResult runRecording(EngineRun run) {
        EngineSpec.Replay replay = spec.replay();
        run.events().append("engine.started", Map.of("engine", spec.name(), "kind", "replay",
                "recording", replay.recording().toString(), "as", replay.as().wire()));
        List<String> lines;
        try (BufferedReader in = Files.newBufferedReader(replay.recording(), StandardCharsets.UTF_8)) {
            lines = in.lines().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot read the recording " + replay.recording() + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        return play(run, replay.as(), lines, replay.exitCode(), System.nanoTime());
    }

    private EngineResult runBundle(EngineRun run) {
        long start = System.nanoTime();
        EngineSpec.Replay replay = spec.replay();
        String where = "the replay engine '" + spec.name() + "'" + (spec.location() == null ? "" : " at "
                + spec.location());
        ReplayBundle bundle;
        try {
            bundle = ReplayBundle.of(replay);
        } catch (WtcraftException e) {
            return refused(run, e.getMessage() + " (" + where + ")");
        }
        var m = bundle.manifest();
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("engine", spec.name());
        started.put("kind", "replay");
        started.put(replay.task() == null ? "bundle" : "ledger", replay.recording().toString());
        started.put("as", m.cli());
        started.put("run_id", m.runId());
        started.put("task", m.task());
        started.put("base_commit", m.baseCommit());
        run.events().append("engine.started", started);
        Optional<String> refusal = Optional.empty();
        if (run.boundary().readOnly()) { // a reviewer, or a read-only task: the change is not this run's to make
            run.events().append("replay.applied", Map.of("files", 0, "skipped", "the worktree is read-only"));
        } else {
            refusal = applyChange(run, bundle);
        }
        if (refusal.isPresent()) {
            String reason = (replay.task() == null ? "bundle " + replay.recording() : "task " + replay.task()
                    + " of run " + m.runId()) + ": " + refusal.get() + " (" + where + ")";
            run.events().append("engine.exited", Map.of("outcome", "failed", "reason", reason));
            return new EngineResult(EngineOutcome.FAILED, -1, reason, Duration.ZERO, null, Map.of());
        }
        return play(run, replay.as(), bundle.lines(), replay.exitCode(), start);
    }

    /** The change onto the worktree: refused when its base differs; already there on a later attempt. */
    private static Optional<String> applyChange(EngineRun run, ReplayBundle bundle) {
        var m = bundle.manifest();
        GitCli git = new GitCli(run.worktree());
        try {
            if (run.resume().attempt() <= 1) {
                String head = git.text("rev-parse", "HEAD").strip();
                Optional<String> mismatch = BundlePatch.baseMismatch(git, head, m);
                if (mismatch.isPresent()) {
                    return Optional.of("its base does not match the task's (" + mismatch.get() + "): start the task"
                            + " from the commit it was recorded on (base '" + m.baseCommit() + "'), or export it again"
                            + " from a run on this base");
                }
            } else if (bundle.patch().length > 0
                    && git.run(bundle.patch(), "apply", "--reverse", "--check", "-").ok()) {
                run.events().append("replay.applied", Map.of("files", m.files().size(), "already", true));
                return Optional.empty();
            }
        } catch (GitException e) {
            return Optional.of("git cannot read the worktree (" + e.getMessage() + ")");
        }
        Optional<String> failed = BundlePatch.apply(run.worktree(), bundle.patch());
        if (failed.isPresent()) {
            return Optional.of("its change does not apply to the worktree (" + failed.get() + "): start the task"
                    + " from the commit it was recorded on (base '" + m.baseCommit() + "')");
        }
        run.events().append("replay.applied", Map.of("files", m.files().size(), "patch_bytes", m.patchBytes()));
        return Optional.empty();
    }

    private EngineResult refused(EngineRun run, String reason) {
        run.events().append("engine.exited", Map.of("outcome", "failed", "reason", reason));
        return new EngineResult(EngineOutcome.FAILED, -1, reason, Duration.ZERO, null, Map.of());
    }

    private EngineResult play(EngineRun run, EngineKind as, List<String> lines, int exitCode, long start) {
        if (as == EngineKind.SHELL) {
            ArrayDeque<String> tail = new ArrayDeque<>();
            for (String line : lines) {
                run.events().append("stdout", Map.of("line", line));
                tail.addLast(line);
                if (tail.size() > ShellEngine.FINAL_MESSAGE_LINES) {
                    tail.removeFirst();
                }
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - start);
            Classifier.Verdict v = Classifier.classify(null, exitCode, false, false, duration, List.of());
            Map<String, Object> exited = new LinkedHashMap<>();
            exited.put("exit_code", exitCode);
            exited.put("outcome", v.outcome().wire());
            exited.put("reason", v.reason());
            run.events().append("engine.exited", exited);
            String last = String.join("\n", tail);
            return new EngineResult(v.outcome(), exitCode, v.reason(), duration, last.isBlank() ? null : last, Map.of());
        }
        StreamParser parser = AgentEngine.cliFor(as).parser(run);
        for (String line : lines) {
            if (NormalizedLines.reportsUsage(NormalizedLines.record(run.events(), parser, line))
                    && run.gates().onUsage() != null) {
                run.gates().onUsage().accept(parser.summary().usage(), prices.estimate(as,
                        parser.summary().model(), parser.summary().usage()));
            }
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        StreamSummary summary = parser.summary();
        Classifier.Verdict v = Classifier.classify(summary, exitCode, false, false, duration, List.of());
        Map<String, Object> usage = EngineRecords.usage(spec.name(), "replay", as, null, summary,
                summary.usage(), prices);
        run.events().append("engine.exited", EngineRecords.exited(exitCode, v, duration, summary));
        return new EngineResult(v.outcome(), exitCode, v.reason(), duration, summary.lastMessage(), usage,
                summary.sessionId());
    }
}
