package dev.wtcraft.task;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.contract.TaskContract;
import dev.wtcraft.scope.Violation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What `check` found; {@link #toDocument()} is the machine protocol's check object. */
public record CheckReport(TaskWorktree worktree, TaskContract contract, String base, List<String> changedFiles,
                          List<String> ignoredFiles, Boolean specificationChanged, List<Violation> violations, String snapshot) {

    public boolean passed() {
        return violations.isEmpty();
    }

    public int exitCode() {
        return passed() ? ExitCodes.OK : ExitCodes.VIOLATIONS;
    }

    public Map<String, Object> toDocument() {
        Map<String, Object> doc = Protocol.header("check", true);
        doc.put("result", passed() ? "pass" : "fail");
        doc.put("exit_code", exitCode());
        doc.put("repo_root", worktree.layout().root().toString());
        doc.put("worktree", worktree.path().toString());
        doc.put("task_file", worktree.taskFile().toString());
        doc.put("state_file", worktree.stateFile().toString());
        doc.put("snapshot", snapshot);
        doc.put("specification_changed", specificationChanged);
        doc.put("base", base);
        doc.put("changed_files", changedFiles);
        doc.put("ignored_files", ignoredFiles);
        doc.put("scope", contract.scope());
        doc.put("off_limits", contract.offLimits());
        doc.put("violations", violations.stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", v.kind().wire());
            m.put("file", v.file());
            m.put("matched", v.matched());
            m.put("message", v.message());
            return m;
        }).toList());
        doc.put("summary", Map.of("violation_count", violations.size()));
        return doc;
    }
}
