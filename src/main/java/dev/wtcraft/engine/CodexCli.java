package dev.wtcraft.engine;

import dev.wtcraft.model.EngineSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * `codex exec --json -C DIR -s LEVEL -o LAST.md -` (the prompt on stdin); a retry continues the thread with
 * `codex exec resume THREAD_ID -`, whose usage is the thread's running total. The sandbox level comes from the
 * boundary unless the recipe names one; reasoning effort, developer instructions, MCP servers and the API retry
 * bound are `-c` config values. Codex has no turn limit: wtcraft counts the turns in its rollout file.
 */
final class CodexCli implements AgentCli {
    /** `model_provider = "x"` at the top of a config.toml. */
    private static final Pattern PROVIDER = Pattern.compile("(?m)^\\s*model_provider\\s*=\\s*[\"']([^\"']+)[\"']");

    @Override
    public String defaultBinary() {
        return "codex";
    }

    /** The sandbox level: read-only for a read-only run, else the recipe's, else the boundary's. */
    static String sandbox(EngineSpec spec, EngineRun run) {
        if (run.boundary().readOnly()) {
            return EngineSpec.SandboxLevel.READ_ONLY.wire();
        }
        if (spec.settings().sandbox() != null) {
            return spec.settings().sandbox().wire();
        }
        // inside wtcraft's own sandbox Codex's would be a second one, which needs namespaces the first took
        return !run.boundary().sandbox().isEmpty() ? "danger-full-access" : "workspace-write";
    }

    @Override
    public List<String> arguments(Launch launch) {
        EngineSpec spec = launch.spec();
        EngineRun run = launch.run();
        String sandbox = sandbox(spec, run);
        List<String> a = new ArrayList<>(List.of("exec"));
        if (run.resume().session() != null) {
            // resume takes neither -C nor -s: the process runs in the worktree, the sandbox is a config value
            a.addAll(List.of("resume", "--json", "--skip-git-repo-check", "-c", "sandbox_mode=" + toml(sandbox)));
        } else {
            a.addAll(List.of("--json", "--skip-git-repo-check", "-C", run.worktree().toString(), "-s", sandbox));
        }
        a.addAll(List.of("-o", run.ledgerDir().resolve("last-message.md").toString()));
        if (spec.model() != null) {
            a.addAll(List.of("-m", spec.model()));
        }
        EngineSpec.Settings settings = spec.settings();
        if (settings.reasoning() != null) {
            a.addAll(List.of("-c", "model_reasoning_effort=" + toml(settings.reasoning().wire())));
        }
        if (settings.appendSystemPrompt() != null) {
            a.addAll(List.of("-c", "developer_instructions=" + toml(settings.appendSystemPrompt())));
        }
        for (EngineSpec.Mcp m : settings.mcp()) {
            String key = "mcp_servers." + m.name() + ".";
            if (m.url() != null) {
                a.addAll(List.of("-c", key + "url=" + toml(m.url())));
            } else {
                a.addAll(List.of("-c", key + "command=" + toml(m.command())));
                a.addAll(List.of("-c", key + "args=[" + String.join(", ", m.args().stream().map(CodexCli::toml).toList()) + "]"));
                if (!m.env().isEmpty()) {
                    List<String> env = new ArrayList<>();
                    new java.util.TreeMap<>(m.env()).forEach((k, v) -> env.add(toml(k) + " = " + toml(v)));
                    a.addAll(List.of("-c", key + "env={" + String.join(", ", env) + "}"));
                }
            }
        }
        String provider = provider(spec, launch.env());
        if (provider != null) {
            a.addAll(List.of("-c", "model_providers." + provider + ".request_max_retries=" + API_RETRIES,
                    "-c", "model_providers." + provider + ".stream_max_retries=" + API_RETRIES));
        }
        a.addAll(spec.args());
        if (run.resume().session() != null) {
            a.add(run.resume().session());
        }
        a.add("-");
        return a;
    }

    /**
     * The model provider this run uses when the recipe or config.toml names one of their own (its retry bounds
     * are its own settings); null for Codex's built-in provider, whose bounds are not settable.
     */
    static String provider(EngineSpec spec, Map<String, String> env) {
        for (int i = 0; i + 1 < spec.args().size(); i++) {
            Matcher m = PROVIDER.matcher(spec.args().get(i + 1));
            if (spec.args().get(i).equals("-c") && m.find()) {
                return m.group(1);
            }
        }
        Path config = home(env).resolve("config.toml");
        try {
            Matcher m = Files.isRegularFile(config) ? PROVIDER.matcher(Files.readString(config)) : null;
            return m != null && m.find() && !m.group(1).equals("openai") ? m.group(1) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Path home(Map<String, String> env) {
        String home = env.get("CODEX_HOME");
        return home != null ? Path.of(home) : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".codex");
    }

    /** A TOML basic string. */
    static String toml(String s) {
        StringBuilder t = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> t.append("\\\"");
                case '\\' -> t.append("\\\\");
                case '\n' -> t.append("\\n");
                case '\t' -> t.append("\\t");
                case '\r' -> t.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        t.append(String.format("\\u%04x", (int) c));
                    } else {
                        t.append(c);
                    }
                }
            }
        }
        return t.append('"').toString();
    }

    /** The rollout: CODEX_HOME/sessions/YYYY/MM/DD/rollout-...-THREAD_ID.jsonl. */
    @Override
    public Path sessionFile(Map<String, String> env, String sessionId) {
        Path sessions = home(env).resolve("sessions");
        if (!Files.isDirectory(sessions)) {
            return null;
        }
        String suffix = "-" + sessionId + ".jsonl";
        try (Stream<Path> files = Files.find(sessions, 4, (p, attrs) -> attrs.isRegularFile()
                && p.getFileName().toString().startsWith("rollout-") && p.getFileName().toString().endsWith(suffix))) {
            return files.findFirst().orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    @Override
    public StreamParser parser(EngineRun run) {
        return new CodexStream(run.resume().session() != null ? run.resume().usage() : null);
    }

    @Override
    public boolean canResume() {
        return true;
    }

    @Override
    public TurnLimit turnLimit() {
        return TurnLimit.STREAM;
    }

    @Override
    public boolean retriesBounded(Launch launch) {
        return provider(launch.spec(), launch.env()) != null;
    }
}
