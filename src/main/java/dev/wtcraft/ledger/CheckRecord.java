package dev.wtcraft.ledger;

import java.util.List;

/**
 * `check.json`: the same fields as `wtcraft check --json` prints, for the check a run made after an attempt.
 *
 * @param result               pass or fail
 * @param snapshot             the contents checked (see docs/contract.md)
 * @param specificationChanged whether the contract changed since it was planned, or null when unknown
 * @param ignoredFiles         build output judged against Off-limits only (absent from ledgers written before)
 */
public record CheckRecord(int schemaVersion, int protocolVersion, String command, boolean ok, String result,
                          int exitCode, String repoRoot, String worktree, String taskFile, String stateFile,
                          String snapshot, Boolean specificationChanged, String base, List<String> changedFiles,
                          List<String> ignoredFiles, List<String> scope, List<String> offLimits, List<Violation> violations, Summary summary)
        implements LedgerDocument {
    public CheckRecord {
        changedFiles = List.copyOf(changedFiles);
        ignoredFiles = ignoredFiles == null ? List.of() : List.copyOf(ignoredFiles);
        scope = List.copyOf(scope);
        offLimits = List.copyOf(offLimits);
        violations = List.copyOf(violations);
    }

    /** One file outside the contract. {@code kind} is a violation kind's wire name (scope, off_limits, ...). */
    public record Violation(String kind, String file, String matched, String message) {
    }

    public record Summary(int violationCount) {
    }

    public boolean passed() {
        return "pass".equals(result);
    }
}
