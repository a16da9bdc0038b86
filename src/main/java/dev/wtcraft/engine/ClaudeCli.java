package dev.wtcraft.engine;

import dev.wtcraft.model.EngineSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `claude -p PROMPT --output-format stream-json --verbose` in the worktree; a retry adds `--resume SESSION`.
 * The boundary becomes permission rules: edits allowed, Off-limits paths denied to Edit and Write, and in
 * read-only mode only reading tools.
 */
final class ClaudeCli implements AgentCli {
    static final String WORK_TOOLS = "Bash,Edit,MultiEdit,Write,Read,Glob,Grep,LS,TodoWrite";
    static final String READ_TOOLS = "Read,Glob,Grep,LS";

    @Override
    public String defaultBinary() {
        return "claude";
    }

    @Override
    public List<String> arguments(EngineSpec spec, EngineRun run, String prompt) {
        List<String> a = new ArrayList<>(List.of("-p", prompt, "--output-format", "stream-json", "--verbose"));
        if (spec.model() != null) {
            a.addAll(List.of("--model", spec.model()));
        }
        if (spec.maxTurns() != null) {
            a.addAll(List.of("--max-turns", spec.maxTurns().toString()));
        }
        boolean readOnly = run.boundary().readOnly();
        a.addAll(List.of("--permission-mode", readOnly ? "default" : "acceptEdits"));
        a.addAll(List.of("--allowedTools", readOnly ? READ_TOOLS : WORK_TOOLS));
        List<String> denied = deniedTools(run.boundary(), readOnly);
        if (!denied.isEmpty()) {
            a.add("--disallowedTools");
            a.add(String.join(",", denied));
        }
        if (run.resumeSession() != null) {
            a.addAll(List.of("--resume", run.resumeSession()));
        }
        a.addAll(spec.args());
        return a;
    }

    /** A policy pattern as a Claude Bash rule: `git push*` is the prefix rule `Bash(git push:*)`. */
    static String bashRule(String pattern) {
        String p = pattern.strip();
        if (p.endsWith("*") && p.indexOf('*') == p.length() - 1) {
            return "Bash(" + p.substring(0, p.length() - 1).strip() + ":*)";
        }
        return "Bash(" + p + ")";
    }

    /** Off-limits items as Claude permission rules: a path denies itself and everything under it. */
    static List<String> deniedTools(EngineRun.Boundary boundary, boolean readOnly) {
        List<String> out = new ArrayList<>();
        if (readOnly) {
            out.addAll(List.of("Bash", "Edit", "MultiEdit", "Write", "NotebookEdit"));
            return out;
        }
        if (boundary.policy() != null) {
            boundary.policy().deny().forEach(p -> out.add(bashRule(p)));
        }
        for (String item : boundary.offLimits()) {
            List<String> patterns = item.contains("*") ? List.of(item)
                    : List.of(item.replaceAll("/+$", ""), item.replaceAll("/+$", "") + "/**");
            for (String p : patterns) {
                for (String tool : List.of("Edit", "MultiEdit", "Write")) {
                    out.add(tool + "(" + p + ")");
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, String> environment(EngineRun run) {
        return Map.of("DISABLE_AUTOUPDATER", "1");
    }

    @Override
    public StreamParser parser() {
        return new ClaudeStream();
    }

    @Override
    public boolean canResume() {
        return true;
    }
}
