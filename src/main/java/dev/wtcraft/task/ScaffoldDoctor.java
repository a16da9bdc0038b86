package dev.wtcraft.task;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What `doctor` says about a repository's agent workflow: the scaffold, the agent files, the original's leftovers. */
public final class ScaffoldDoctor {
    private ScaffoldDoctor() {
    }

    /** {scaffold: {path: state}, agent_files: {name: state}, legacy: [paths]} */
    public static Map<String, Object> report(Path root) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        AgentScaffold.inspect(root).forEach((path, state) -> files.put(path, state.wire()));
        doc.put("scaffold", files);
        Map<String, String> agents = new LinkedHashMap<>();
        AgentScaffold.patchStates(root).forEach((name, state) -> agents.put(name, state.wire()));
        doc.put("agent_files", agents);
        doc.put("legacy", LegacyScaffold.present(root));
        return doc;
    }

    /** The same as lines for people, each with what to do. */
    public static List<String> lines(Map<String, Object> report) {
        @SuppressWarnings("unchecked") Map<String, String> files = (Map<String, String>) report.get("scaffold");
        @SuppressWarnings("unchecked") Map<String, String> agents = (Map<String, String>) report.get("agent_files");
        @SuppressWarnings("unchecked") List<String> legacy = (List<String>) report.get("legacy");
        List<String> missing = files.entrySet().stream().filter(e -> e.getValue().equals("missing")).map(Map.Entry::getKey).toList();
        List<String> drifted = files.entrySet().stream().filter(e -> e.getValue().equals("drifted")).map(Map.Entry::getKey).toList();
        String scaffold = missing.isEmpty() && drifted.isEmpty() ? "installed (" + files.size() + " files)"
                : missing.size() == files.size() ? "not installed (run 'wtcraft init')"
                : (missing.isEmpty() ? "" : "missing " + String.join(", ", missing) + " (run 'wtcraft init'); ")
                + (drifted.isEmpty() ? "" : "changed by hand: " + String.join(", ", drifted)
                + " ('wtcraft init --force' restores them)");
        List<String> patched = agents.entrySet().stream().filter(e -> e.getValue().equals("patched")).map(Map.Entry::getKey).toList();
        String agentLine = patched.isEmpty() ? "no pointer section (run 'wtcraft init --patch-agent-files')"
                : "pointer section in " + String.join(", ", patched);
        String legacyLine = legacy.isEmpty() ? "none"
                : String.join(", ", legacy) + " (the original tool's; 'wtcraft migrate' removes them)";
        return List.of("scaffold  " + scaffold.replaceAll("; $", ""), "agents md " + agentLine, "legacy    " + legacyLine);
    }
}
