package dev.wtcraft.engine;

import dev.wtcraft.model.EngineSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * `gemini -p "" --output-format stream-json --approval-mode yolo|default`, the prompt on stdin; a retry resumes
 * the session with `-r SESSION`. The task's policy becomes a policy-engine file; the turn limit, the API retry
 * bound, reasoning and MCP servers become settings, in a system settings file of the run's own (see
 * {@link GeminiSettings}). Gemini has no way to append to its system prompt.
 */
final class GeminiCli implements AgentCli {
    @Override
    public String defaultBinary() {
        return "gemini";
    }

    @Override
    public List<String> arguments(Launch launch) {
        EngineSpec spec = launch.spec();
        EngineRun run = launch.run();
        List<String> a = new ArrayList<>(List.of("-p", "", "--output-format", "stream-json",
                "--approval-mode", run.boundary().readOnly() ? "default" : "yolo"));
        if (spec.model() != null) {
            a.addAll(List.of("-m", spec.model()));
        }
        if (run.boundary().policy() != null && run.ledgerDir() != null) {
            Path file = run.ledgerDir().resolve("gemini-policy.toml");
            dev.wtcraft.io.AtomicFiles.write(file, policyToml(run.boundary().policy()));
            a.addAll(List.of("--policy", file.toString()));
        }
        if (run.resume().session() != null) {
            a.addAll(List.of("-r", run.resume().session()));
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
    public Map<String, String> environment(Launch launch) {
        return Map.of("GEMINI_CLI_TRUST_WORKSPACE", "true");
    }

    /** The run's settings, with any system settings file the recipe or machine names merged in, as the system file. */
    @Override
    public Map<String, String> mergedEnvironment(Launch launch) {
        Path settings = GeminiSettings.write(launch.spec(), launch.env(), launch.files());
        return settings == null ? Map.of() : Map.of("GEMINI_CLI_SYSTEM_SETTINGS_PATH", settings.toString());
    }

    /** The chat record: ~/.gemini/tmp/PROJECT/chats/session-DATE-ID8.jsonl. */
    @Override
    public Path sessionFile(Map<String, String> env, String sessionId) {
        if (sessionId == null || sessionId.length() < 8) {
            return null;
        }
        Path tmp = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".gemini", "tmp");
        if (!Files.isDirectory(tmp)) {
            return null;
        }
        String suffix = "-" + sessionId.substring(0, 8) + ".jsonl";
        try (Stream<Path> files = Files.find(tmp, 3, (p, attrs) -> attrs.isRegularFile()
                && p.getParent().getFileName().toString().equals("chats")
                && p.getFileName().toString().startsWith("session-") && p.getFileName().toString().endsWith(suffix))) {
            return files.findFirst().orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    @Override
    public StreamParser parser(EngineRun run) {
        return new GeminiStream();
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
