package dev.wtcraft.engine;

import dev.wtcraft.io.JsonText;
import dev.wtcraft.model.EngineSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * `claude -p --output-format stream-json --verbose --include-partial-messages` in the worktree, the prompt on
 * stdin; a retry adds `--resume SESSION`. The boundary becomes permission rules: edits allowed, Off-limits paths
 * denied to the writing tools, and in read-only mode only reading tools. Turn limit, budget, effort, MCP servers
 * and the appended system prompt are the CLI's own flags; its API retries are bounded by CLAUDE_CODE_MAX_RETRIES.
 */
final class ClaudeCli implements AgentCli {
    /** The tools Claude Code 2.1.329 offers that a task's work needs (it has no LS, MultiEdit or TodoWrite). */
    static final String WORK_TOOLS = "Bash,Edit,Write,NotebookEdit,Read";
    static final String READ_TOOLS = "Read";
    /** The tools that write files, denied on Off-limits paths and in read-only runs. */
    static final List<String> WRITING_TOOLS = List.of("Edit", "Write", "NotebookEdit");

    @Override
    public String defaultBinary() {
        return "claude";
    }

    @Override
    public List<String> arguments(Launch launch) {
        EngineSpec spec = launch.spec();
        EngineRun run = launch.run();
        EngineSpec.Settings settings = spec.settings();
        List<String> a = new ArrayList<>(List.of("-p", "--output-format", "stream-json", "--verbose",
                "--include-partial-messages"));
        if (spec.model() != null) {
            a.addAll(List.of("--model", spec.model()));
        }
        if (spec.maxTurns() != null) {
            a.addAll(List.of("--max-turns", spec.maxTurns().toString()));
        }
        if (run.gates().usdLimit() != null) {
            a.addAll(List.of("--max-budget-usd", String.format(Locale.ROOT, "%.6f", Math.max(0, run.gates().usdLimit()))));
        }
        if (settings.reasoning() != null) {
            a.addAll(List.of("--effort", settings.reasoning().wire()));
        }
        if (settings.appendSystemPrompt() != null) {
            a.addAll(List.of("--append-system-prompt-file",
                    launch.files().write("claude-system-prompt.md", settings.appendSystemPrompt()).toString()));
        }
        if (!settings.mcp().isEmpty()) {
            a.addAll(List.of("--mcp-config", launch.files().write("claude-mcp.json", mcpConfig(settings.mcp())).toString()));
        }
        boolean readOnly = run.boundary().readOnly();
        a.addAll(List.of("--permission-mode", readOnly ? "default" : "acceptEdits"));
        List<String> allowed = new ArrayList<>(List.of((readOnly ? READ_TOOLS : WORK_TOOLS).split(",")));
        if (!readOnly) {
            settings.mcp().forEach(m -> allowed.add("mcp__" + m.name()));
        }
        a.addAll(List.of("--allowedTools", String.join(",", allowed)));
        List<String> denied = deniedTools(run.boundary(), readOnly);
        if (!denied.isEmpty()) {
            a.add("--disallowedTools");
            a.add(String.join(",", denied));
        }
        if (run.resume().session() != null) {
            a.addAll(List.of("--resume", run.resume().session()));
        }
        a.addAll(spec.args());
        return a;
    }

    /** MCP servers in Claude Code's `--mcp-config` shape. */
    static String mcpConfig(List<EngineSpec.Mcp> servers) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (EngineSpec.Mcp m : servers) {
            Map<String, Object> s = new LinkedHashMap<>();
            if (m.url() != null) {
                s.put("type", "http");
                s.put("url", m.url());
            } else {
                s.put("command", m.command());
                s.put("args", m.args());
                s.put("env", m.env());
            }
            all.put(m.name(), s);
        }
        return JsonText.write(Map.of("mcpServers", all));
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
            out.add("Bash");
            out.addAll(WRITING_TOOLS);
            return out;
        }
        if (boundary.policy() != null) {
            boundary.policy().deny().forEach(p -> out.add(bashRule(p)));
        }
        for (String item : boundary.offLimits()) {
            List<String> patterns = item.contains("*") ? List.of(item)
                    : List.of(item.replaceAll("/+$", ""), item.replaceAll("/+$", "") + "/**");
            for (String p : patterns) {
                for (String tool : WRITING_TOOLS) {
                    out.add(tool + "(" + p + ")");
                }
            }
        }
        return out;
    }

    /** Quiet, and API retries bounded unless the recipe sets its own. */
    @Override
    public Map<String, String> environment(Launch launch) {
        return Map.of("DISABLE_AUTOUPDATER", "1", "CLAUDE_CODE_MAX_RETRIES", Integer.toString(API_RETRIES));
    }

    @Override
    public StreamParser parser(EngineRun run) {
        return new ClaudeStream();
    }

    @Override
    public boolean canResume() {
        return true;
    }

    @Override
    public TurnLimit turnLimit() {
        return TurnLimit.SETTING;
    }

    @Override
    public boolean retriesBounded(Launch launch) {
        return true;
    }
}
