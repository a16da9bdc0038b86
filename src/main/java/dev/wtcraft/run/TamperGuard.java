package dev.wtcraft.run;

import dev.wtcraft.contract.SignOff;
import dev.wtcraft.contract.StateCodec;
import dev.wtcraft.contract.TaskFileException;
import dev.wtcraft.contract.TaskFileReader;
import dev.wtcraft.contract.TaskState;
import dev.wtcraft.io.Sha256;
import dev.wtcraft.task.TaskWorktree;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The task's contract and state file as wtcraft left them before the engine ran, compared after: a contract the
 * engine rewrote, replaced or removed, a state file it turned into something else, or sign-off fields it forged,
 * end the attempt `contract_tampered`. The state file's other fields are the engine's to update (an agent may run
 * `wtcraft check` itself); nothing is decided from them.
 */
final class TamperGuard {
    private static final List<String> SIGN_OFF_KEYS = List.of(SignOff.RUN_ID, SignOff.LAND_ON,
            SignOff.REVIEW_REQUIRED, SignOff.REVIEW_RESULT, SignOff.REVIEW_SUMMARY, SignOff.REVIEW_SNAPSHOT,
            SignOff.REVIEWED, SignOff.REVIEWER, SignOff.LANDED_COMMIT, SignOff.LANDED_INTO, SignOff.LANDED_STRATEGY,
            SignOff.LANDED_AT);

    private final String contract;
    private final List<String> signOff;

    private TamperGuard(String contract, List<String> signOff) {
        this.contract = contract;
        this.signOff = signOff;
    }

    static TamperGuard before(TaskWorktree wt) {
        return new TamperGuard(contractHash(wt), signOffFields(wt));
    }

    /** Null when both files are as wtcraft left them, else what the engine did to them. */
    String after(TaskWorktree wt) {
        try {
            if (!contract.equals(contractHash(wt))) {
                return "the contract " + wt.taskFile().getFileName() + " was changed while the engine ran";
            }
            List<String> now = signOffFields(wt);
            for (int i = 0; i < SIGN_OFF_KEYS.size(); i++) {
                if (!Objects.equals(signOff.get(i), now.get(i))) {
                    return "the state file's " + SIGN_OFF_KEYS.get(i) + " was changed while the engine ran";
                }
            }
            return null;
        } catch (TaskFileException e) {
            return e.getMessage();
        }
    }

    private static String contractHash(TaskWorktree wt) {
        return new Sha256().line(TaskFileReader.read(wt.taskFile(), "contract")).hex();
    }

    private static List<String> signOffFields(TaskWorktree wt) {
        Optional<TaskState> state = StateCodec.read(wt.stateFile());
        if (state.isEmpty()) {
            throw new TaskFileException(TaskFileException.Problem.MISSING, wt.stateFile(),
                    "the state file " + wt.stateFile() + " was removed while the engine ran");
        }
        return SIGN_OFF_KEYS.stream().map(k -> state.get().extra(k)).toList();
    }
}
