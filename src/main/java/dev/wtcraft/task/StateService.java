package dev.wtcraft.task;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.Role;
import dev.wtcraft.contract.SpecDigest;
import dev.wtcraft.contract.Stage;
import dev.wtcraft.contract.TaskState;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/** `state`: changes a task's lifecycle fields, refusing an illegal stage edge unless forced. */
public final class StateService {
    private StateService() {
    }

    /** What the user asked to change; null fields stay as they are. */
    public record Change(String stage, String role, String agent, Integer attempt, String handoffFrom,
                         String handoffTo, boolean force) {
        public boolean isEmpty() {
            return stage == null && role == null && agent == null && attempt == null && handoffFrom == null
                    && handoffTo == null;
        }
    }

    public static TaskRecord apply(TaskWorktree worktree, Change change, PrintStream warnings) {
        if (change.isEmpty()) {
            throw WtcraftException.fatal(
                    "nothing to change: give at least one of --stage, --role, --agent, --attempt, --handoff-from, --handoff-to");
        }
        TaskRecord task = TaskRecord.load(worktree, warnings);
        TaskState current = task.state();
        TaskState.Builder next = current.edit();
        Stage target = null;
        if (change.stage() != null) {
            target = Stage.parse(change.stage()).orElseThrow(() -> WtcraftException.fatal(
                    "unknown stage '" + change.stage() + "': use one of " + Stage.names()));
            if (!current.stage().canMoveTo(target) && !change.force()) {
                throw WtcraftException.fatal("illegal stage transition " + current.stage().wire() + " -> "
                        + target.wire() + " (allowed from " + current.stage().wire() + ": " + allowed(current.stage())
                        + "); pass --force to override");
            }
            next.stage(target);
        }
        if (change.role() != null) {
            next.role(Role.parse(change.role()).orElseThrow(() -> WtcraftException.fatal(
                    "unknown role '" + change.role() + "': use one of " + Role.names())));
        }
        if (change.agent() != null) {
            next.agent(printable("agent", change.agent()));
        }
        if (change.attempt() != null) {
            if (change.attempt() < 0) {
                throw WtcraftException.fatal("--attempt must be a non-negative integer, not " + change.attempt());
            }
            next.attempt(change.attempt());
        }
        if (change.handoffFrom() != null) {
            next.handoffFrom(printable("handoff-from", change.handoffFrom()));
        }
        if (change.handoffTo() != null) {
            next.handoffTo(printable("handoff-to", change.handoffTo()));
        }
        TaskState written = next.build(Instant.now());
        task.save(written);
        if (target == Stage.PLANNED) {
            // planning fixes the specification: later edits to Scope, Off-limits or Verification are reported
            SpecDigest.store(worktree.path(), SpecDigest.of(task.contract()));
        }
        return task.withState(written);
    }

    private static String allowed(Stage from) {
        var next = from.next();
        return next.isEmpty() ? "none, it is final" : String.join(", ", next.stream().map(Stage::wire).sorted().toList());
    }

    static String printable(String option, String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw WtcraftException.fatal("--" + option + " must be printable text without control characters");
            }
        }
        return value.isEmpty() ? null : value;
    }

    public static Map<String, Object> toDocument(TaskRecord task) {
        Map<String, Object> doc = Protocol.header("state", true);
        doc.put("worktree", task.worktree().path().toString());
        doc.put("task_file", task.worktree().taskFile().toString());
        doc.put("state_file", task.worktree().stateFile().toString());
        doc.put("stage", task.state().stage().wire());
        doc.put("role", task.state().role().wire());
        doc.put("agent", task.state().agent());
        doc.put("attempt", task.state().attempt());
        return doc;
    }
}
