package dev.wtcraft.engine;

import dev.wtcraft.model.EngineSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * `gemini -p PROMPT --output-format stream-json --approval-mode yolo|default`. A retry starts a fresh session
 * with the whole story (this release of the CLI has no headless resume of a given session).
 */
final class GeminiCli implements AgentCli {
    @Override
    public String defaultBinary() {
        return "gemini";
    }

    @Override
    public List<String> arguments(EngineSpec spec, EngineRun run, String prompt) {
        List<String> a = new ArrayList<>(List.of("-p", prompt, "--output-format", "stream-json",
                "--approval-mode", run.boundary().readOnly() ? "default" : "yolo"));
        if (spec.model() != null) {
            a.addAll(List.of("-m", spec.model()));
        }
        if (run.boundary().policy() != null && run.ledgerDir() != null) {
            java.nio.file.Path file = run.ledgerDir().resolve("gemini-policy.toml");
            dev.wtcraft.io.AtomicFiles.write(file, policyToml(run.boundary().policy()));
            a.addAll(List.of("--policy", file.toString()));
        }
        a.addAll(spec.args());
        return a;
    }

    /** A policy as Gemini's policy-engine rules for its shell tool: deny above allow, both above yolo's allow-all. */
    static String policyToml(dev.wtcraft.model.Policy policy) {
        StringBuilder t = new StringBuilder("# written by wtcraft from the task's policy { } block\n");
        policy.deny().forEach(p -> rule(t, p, "deny", 990));
        policy.allow().forEach(p -> rule(t, p, "allow", 980));
        return t.toString();
    }

    private static void rule(StringBuilder t, String pattern, String decision, int priority) {
        String p = pattern.strip();
        t.append("\n[[rule]]\ntoolName = \"run_shell_command\"\n");
        if (p.endsWith("*") && p.indexOf('*') == p.length() - 1) {
            t.append("commandPrefix = ").append(toml(p.substring(0, p.length() - 1))).append('\n');
        } else {
            // a JavaScript regular expression: no \\Q...\\E there, so each special character is escaped
            String regex = java.util.Arrays.stream(p.split("\\*", -1))
                    .map(part -> part.replaceAll("[.+?^${}()|\\[\\]\\\\/]", "\\\\$0"))
                    .collect(java.util.stream.Collectors.joining(".*"));
            t.append("commandRegex = ").append(toml("^" + regex + "$")).append('\n');
        }
        t.append("decision = \"").append(decision).append("\"\npriority = ").append(priority).append('\n');
    }

    private static String toml(String s) {
        return "'" + s.replace("'", "") + "'"; // a literal string: no escapes inside
    }

    /** Headless runs refuse an untrusted folder; the worktree is wtcraft's own, bounded and checked. */
    @Override
    public java.util.Map<String, String> environment(EngineRun run) {
        return java.util.Map.of("GEMINI_CLI_TRUST_WORKSPACE", "true");
    }

    @Override
    public StreamParser parser() {
        return new GeminiStream();
    }

    @Override
    public boolean canResume() {
        return false;
    }
}
