package dev.wtcraft.task;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.SpecDigest;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.contract.TaskState;
import dev.wtcraft.git.WorkingTree;
import dev.wtcraft.model.Step;
import dev.wtcraft.process.StepRunner;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * `verify`: every Verification command in order with `bash -lc` in the worktree root, each even after an
 * earlier one failed; the result is recorded in the state file.
 */
public final class VerifyService {
    private VerifyService() {
    }

    /** One command's result; a step killed for its timeout has exit code -1. */
    public record StepResult(int index, String command, boolean passed, int exitCode, double durationSeconds,
                             boolean timedOut) {
        /** The step as verify.json (and the run's verify.step events) record it. */
        public java.util.Map<String, Object> toDocument() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("index", index);
            m.put("command", command);
            m.put("status", passed ? "pass" : "fail");
            m.put("exit_code", exitCode);
            m.put("duration_seconds", (long) durationSeconds); // whole seconds, as the original reports them
            if (timedOut) {
                m.put("timed_out", true);
            }
            return m;
        }
    }

    /**
     * @param out      where the commands' stdout goes (stderr in --json mode)
     * @param err      where the commands' stderr goes
     * @param progress told of each step as it finishes
     */
    public static VerifyReport verify(TaskWorktree worktree, OutputStream out, OutputStream err,
                                      PrintStream warnings, Consumer<StepResult> progress) {
        TaskRecord task = TaskRecord.load(worktree, warnings);
        List<String> commands = task.contract().verification();
        if (commands.isEmpty()) {
            throw WtcraftException.fatal("no verification commands found in " + worktree.taskFile());
        }
        List<Step> steps = commands.stream().map(c -> new Step(c, null)).toList();
        return run(task, steps, index -> out, index -> err, progress);
    }

    /**
     * A recipe's own steps, each with its timeout, the output of step i going where the functions say (the
     * ledger, in a run).
     */
    public static VerifyReport verifySteps(TaskWorktree worktree, List<Step> steps,
                                           IntFunction<OutputStream> out, IntFunction<OutputStream> err,
                                           PrintStream warnings, Consumer<StepResult> progress,
                                           Consumer<Process> onStart) {
        return verifySteps(worktree, steps, out, err, warnings, progress, onStart, UnaryOperator.identity(), null);
    }

    /**
     * @param confine how a command is started (inside the task's sandbox, in a run)
     * @param env     the commands' variables (null: this process's)
     */
    public static VerifyReport verifySteps(TaskWorktree worktree, List<Step> steps,
                                           IntFunction<OutputStream> out, IntFunction<OutputStream> err,
                                           PrintStream warnings, Consumer<StepResult> progress,
                                           Consumer<Process> onStart, UnaryOperator<List<String>> confine,
                                           java.util.Map<String, String> env) {
        return run(TaskRecord.load(worktree, warnings), steps, out, err, progress, onStart, confine, env);
    }

    private static VerifyReport run(TaskRecord task, List<Step> steps, IntFunction<OutputStream> out,
                                    IntFunction<OutputStream> err, Consumer<StepResult> progress) {
        return run(task, steps, out, err, progress, p -> { }, UnaryOperator.identity(), null);
    }

    private static VerifyReport run(TaskRecord task, List<Step> steps, IntFunction<OutputStream> out,
                                    IntFunction<OutputStream> err, Consumer<StepResult> progress,
                                    Consumer<Process> onStart, UnaryOperator<List<String>> confine,
                                    java.util.Map<String, String> env) {
        TaskWorktree worktree = task.worktree();
        List<StepResult> results = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            StepRunner.Outcome o = StepRunner.run(worktree.path(), confine.apply(List.of("bash", "-lc", step.command())),
                    out.apply(i + 1), err.apply(i + 1), step.timeout(), env, onStart);
            StepResult r = new StepResult(i + 1, step.command(), o.exitCode() == 0 && !o.timedOut(), o.exitCode(),
                    Math.round(o.duration().toMillis()) / 1000.0, o.timedOut());
            results.add(r);
            progress.accept(r);
        }
        WorkingTree tree = new WorkingTree(worktree.path(), TaskFiles::isLocalTaskFile);
        String snapshot = tree.snapshot(SpecDigest.of(task.contract()));
        Instant now = Instant.now();
        boolean passed = results.stream().allMatch(StepResult::passed);
        String verified = TaskState.timestamp(now);
        TaskState next = task.state().edit().verify(passed ? "pass" : "fail", verified, snapshot).build(now);
        task.save(next);
        dev.wtcraft.contract.SignOff.update(worktree.layout(), worktree.entry().shortBranch(), s -> s.withVerify(
                new dev.wtcraft.contract.SignOff.Evidence(passed ? "pass" : "fail", snapshot, verified)));
        return new VerifyReport(worktree, results, snapshot, verified);
    }
}
