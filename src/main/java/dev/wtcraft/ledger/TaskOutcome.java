package dev.wtcraft.ledger;

import dev.wtcraft.ExitCodes;

import java.util.Locale;
import java.util.Optional;

/**
 * How a task of a run ended; the wire names are the ledger's, and each outcome carries the exit code it gives a
 * run. The declaration order is the run's precedence: the first outcome present among a run's tasks decides
 * its exit code (see {@link #runExitCode}).
 */
public enum TaskOutcome {
    INTERRUPTED(ExitCodes.INTERRUPTED),
    /** A task that requires a sandbox, on a machine where none can start (a CI job records it rather than refusing). */
    SANDBOX_UNAVAILABLE(ExitCodes.NO_SANDBOX),
    SETUP_FAILED(ExitCodes.SETUP_FAILED),
    ENGINE_FAILED(ExitCodes.ENGINE_FAILED),
    TIMEOUT(ExitCodes.ENGINE_FAILED),
    BUDGET(ExitCodes.ENGINE_FAILED),
    MAX_TURNS(ExitCodes.ENGINE_FAILED),
    API_ERROR(ExitCodes.ENGINE_FAILED),
    PERMISSION_DENIED(ExitCodes.ENGINE_FAILED),
    CONTRACT_TAMPERED(ExitCodes.VIOLATIONS),
    SCOPE_VIOLATION(ExitCodes.VIOLATIONS),
    VERIFY_FAILED(ExitCodes.VERIFY_FAILED),
    CHANGES_REQUESTED(ExitCodes.CHANGES_REQUESTED),
    SKIPPED(ExitCodes.OK),
    PASSED(ExitCodes.OK),
    /** Not ended: not started yet, or running when its runner died (run.json only; never a result). */
    PENDING(ExitCodes.OK);

    private final int exitCode;

    TaskOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The exit code a run with this outcome among its tasks gives, unless an earlier outcome is present too. */
    public int exitCode() {
        return exitCode;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire name, as people read it (a JShell session prints it). */
    @Override
    public String toString() {
        return wire();
    }

    public static Optional<TaskOutcome> parse(String wire) {
        for (TaskOutcome o : values()) {
            if (o.wire().equals(wire)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The exit code of a run whose tasks ended so: the first outcome in declaration order that is present. */
    public static int runExitCode(java.util.Collection<TaskOutcome> outcomes) {
        for (TaskOutcome o : values()) {
            if (outcomes.contains(o)) {
                return o.exitCode;
            }
        }
        return ExitCodes.OK;
    }
}
