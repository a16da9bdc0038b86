package dev.wtcraft.task;

import dev.wtcraft.contract.ContractParser;
import dev.wtcraft.contract.Role;
import dev.wtcraft.contract.Stage;
import dev.wtcraft.contract.StateCodec;
import dev.wtcraft.contract.TaskContract;
import dev.wtcraft.contract.TaskState;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A contracted worktree's contract and lifecycle state. The state file wins; a legacy contract without one is
 * read from its front matter, and the first write creates the state file from those values.
 */
public record TaskRecord(TaskWorktree worktree, TaskContract contract, TaskState state, boolean statePresent,
                         boolean legacyFrontMatterIgnored) {

    public static TaskRecord load(TaskWorktree worktree, PrintStream warnings) {
        TaskContract contract = ContractParser.read(worktree.taskFile());
        Optional<TaskState> stored = StateCodec.read(worktree.stateFile());
        if (stored.isPresent()) {
            boolean ignored = contract.hasLegacyLifecycleKeys();
            if (ignored && warnings != null) {
                warnings.println("warning: " + worktree.taskFile() + ": front-matter lifecycle keys are overridden by "
                        + worktree.stateFile().getFileName());
            }
            return new TaskRecord(worktree, contract, stored.get(), true, ignored);
        }
        return new TaskRecord(worktree, contract, fromFrontMatter(worktree, contract), false, false);
    }

    static TaskState fromFrontMatter(TaskWorktree worktree, TaskContract c) {
        Stage stage = c.get("stage").map(s -> Stage.parse(s).orElseThrow(() -> new dev.wtcraft.contract.TaskFileException(
                dev.wtcraft.contract.TaskFileException.Problem.MALFORMED, c.file(), "unknown stage '" + s + "' in " + c.file() + " (one of " + Stage.names() + ")"))).orElse(Stage.PLANNED);
        Role role = c.get("role").map(r -> Role.parse(r).orElseThrow(() -> new dev.wtcraft.contract.TaskFileException(
                dev.wtcraft.contract.TaskFileException.Problem.MALFORMED, c.file(), "unknown role '" + r + "' in " + c.file() + " (one of " + Role.names() + ")"))).orElse(Role.EXECUTOR);
        String now = TaskState.timestamp(Instant.now());
        return new TaskState(taskId(worktree, c), stage, role, c.get("agent").orElse(null),
                c.get("status").orElse(stage == Stage.DONE ? "done" : "ready"), 0, null, null,
                null, null, null, c.get("verify_result").orElse(null), c.get("verified").orElse(null), null,
                now, now, Map.of());
    }

    static String taskId(TaskWorktree worktree, TaskContract c) {
        return c.get("task_id").or(() -> c.get("branch"))
                .orElseGet(() -> Optional.ofNullable(worktree.entry().shortBranch())
                        .orElse(worktree.path().getFileName().toString()));
    }

    public TaskRecord withState(TaskState next) {
        return new TaskRecord(worktree, contract, next, true, legacyFrontMatterIgnored);
    }

    public void save(TaskState next) {
        StateCodec.write(worktree.stateFile(), next);
    }
}
