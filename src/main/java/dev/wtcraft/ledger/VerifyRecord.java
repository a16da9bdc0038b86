package dev.wtcraft.ledger;

import java.util.List;

/** `verify.json`: the same fields as `wtcraft verify --json` prints, for the verification a run made. */
public record VerifyRecord(int schemaVersion, int protocolVersion, String command, boolean ok, String result,
                           int exitCode, String repoRoot, String worktree, String taskFile, String stateFile,
                           String snapshot, String verifyResult, String verified, List<Step> results, Summary summary)
        implements LedgerDocument {
    public VerifyRecord {
        results = List.copyOf(results);
    }

    /**
     * One verification command.
     *
     * @param status   pass or fail
     * @param durationSeconds whole seconds, as the original tool reports them
     * @param timedOut true when it ran past its timeout (absent otherwise)
     */
    public record Step(int index, String command, String status, Integer exitCode, long durationSeconds,
                       Boolean timedOut) {
        public boolean passed() {
            return "pass".equals(status);
        }
    }

    public record Summary(int total, int passed, int failed) {
    }

    public boolean passed() {
        return "pass".equals(result);
    }
}
