package dev.wtcraft.task;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.SpecDigest;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.contract.TaskState;
import dev.wtcraft.git.WorkingTree;
import dev.wtcraft.process.StepRunner;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * `verify`: every Verification command in order with `bash -lc` in the worktree root, each even after an
 * earlier one failed; the result is recorded in the state file.
 */
public final class VerifyService {
    private VerifyService() {
    }

    /** One command's result. */
    public record StepResult(int index, String command, boolean passed, int exitCode, double durationSeconds) {
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
        List<StepResult> results = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            String command = commands.get(i);
            StepRunner.Outcome o = StepRunner.bash(worktree.path(), command, out, err, null, null);
            StepResult r = new StepResult(i + 1, command, o.exitCode() == 0, o.exitCode(),
                    Math.round(o.duration().toMillis()) / 1000.0);
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
        return new VerifyReport(worktree, results, snapshot, verified);
    }
}
