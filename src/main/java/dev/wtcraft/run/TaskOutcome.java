package dev.wtcraft.run;

/** How a task of a run ended; the wire names are the ledger's. */
public enum TaskOutcome {
    PASSED, SCOPE_VIOLATION, VERIFY_FAILED, CHANGES_REQUESTED, ENGINE_FAILED, TIMEOUT, BUDGET, SKIPPED, INTERRUPTED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
