package dev.wtcraft.scope;

import dev.wtcraft.contract.TaskFiles;

import java.util.ArrayList;
import java.util.List;

/** Judges changed files against a contract's Scope and Off-limits. */
public final class ScopeVerdict {
    private final List<PathPattern> scope;
    private final List<PathPattern> offLimits;

    public ScopeVerdict(List<String> scopeItems, List<String> offLimitItems) {
        this.scope = scopeItems.stream().map(PathPattern::compile).toList();
        this.offLimits = offLimitItems.stream().map(PathPattern::compile).toList();
    }

    /**
     * Violations in the protocol's order: a changed specification first, then per file a local task file, a
     * scope miss (only when Scope is not empty) and one off-limits violation per matching item.
     */
    public List<Violation> judge(Boolean specificationChanged, String taskFile, List<String> changedFiles) {
        List<Violation> out = new ArrayList<>();
        if (Boolean.TRUE.equals(specificationChanged)) {
            out.add(new Violation(ViolationKind.SPECIFICATION_CHANGED, taskFile, null,
                    "Specification changed since planning: Scope, Off-limits or Verification of " + taskFile
                            + " differ from the planned digest"));
        }
        for (String file : changedFiles) {
            if (TaskFiles.isLocalTaskFile(file)) {
                out.add(new Violation(ViolationKind.LOCAL_TASK_FILE, file, null,
                        "Local task file changed in git: " + file + " must stay untracked and ignored"));
                continue;
            }
            if (!scope.isEmpty() && scope.stream().noneMatch(p -> p.matches(file))) {
                out.add(new Violation(ViolationKind.SCOPE, file, null, "Scope violation: " + file));
            }
            for (PathPattern p : offLimits) {
                if (p.matches(file)) {
                    out.add(new Violation(ViolationKind.OFF_LIMITS, file, p.item(),
                            "Off-limits violation: " + file + " (matched " + p.item() + ")"));
                }
            }
        }
        return out;
    }

    /** Build output (files the base's ignore rules ignore) is judged against Off-limits alone. */
    public List<Violation> judgeOffLimits(List<String> ignoredFiles) {
        List<Violation> out = new ArrayList<>();
        for (String file : ignoredFiles) {
            for (PathPattern p : offLimits) {
                if (p.matches(file)) {
                    out.add(new Violation(ViolationKind.OFF_LIMITS, file, p.item(),
                            "Off-limits violation: " + file + " (matched " + p.item() + ")"));
                }
            }
        }
        return out;
    }
}
