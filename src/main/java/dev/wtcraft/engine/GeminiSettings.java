package dev.wtcraft.engine;

import dev.wtcraft.io.JsonText;
import dev.wtcraft.model.EngineSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gemini CLI takes its turn limit, API retry bound, thinking level and MCP servers only as settings. wtcraft
 * writes them as the system settings file of one run (GEMINI_CLI_SYSTEM_SETTINGS_PATH), so that nothing in the
 * worktree (the engine's to write) can lift them; an administrator's system settings file, where there is one,
 * is merged on top and keeps the last word.
 */
final class GeminiSettings {
    static final Path ADMIN = Path.of("/etc/gemini-cli/settings.json");

    private GeminiSettings() {
    }

    /**
     * @param env the CLI's environment (an existing GEMINI_CLI_SYSTEM_SETTINGS_PATH names the admin's file)
     * @return the file, or null when the admin's file cannot be read (it stays in force, and these settings are not)
     */
    static Path write(EngineSpec spec, Map<String, String> env, EngineFiles files) {
        Map<String, Object> admin = admin(env);
        return admin == null ? null : files.write("gemini-settings.json", JsonText.write(settings(spec, admin)));
    }

    static Map<String, Object> settings(EngineSpec spec, Map<String, Object> admin) {
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("general", Map.of("maxAttempts", AgentCli.API_RETRIES + 1));
        if (spec.maxTurns() != null) {
            ours.put("model", Map.of("maxSessionTurns", spec.maxTurns()));
        }
        EngineSpec.Settings s = spec.settings();
        if (s.reasoning() != null) {
            ours.put("modelConfigs", Map.of("overrides", List.of(Map.of("match", Map.of("model", spec.model()),
                    "modelConfig", Map.of("generateContentConfig", Map.of("thinkingConfig",
                            Map.of("thinkingLevel", s.reasoning().name())))))));
        }
        if (!s.mcp().isEmpty()) {
            Map<String, Object> servers = new LinkedHashMap<>();
            for (EngineSpec.Mcp m : s.mcp()) {
                servers.put(m.name(), m.url() != null ? Map.of("httpUrl", m.url())
                        : Map.of("command", m.command(), "args", m.args(), "env", m.env()));
            }
            ours.put("mcpServers", servers);
        }
        return merge(ours, admin);
    }

    /** The administrator's system settings, none, or null when there is a file this cannot read. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> admin(Map<String, String> env) {
        Path file = env.get("GEMINI_CLI_SYSTEM_SETTINGS_PATH") != null
                ? Path.of(env.get("GEMINI_CLI_SYSTEM_SETTINGS_PATH")) : ADMIN;
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return JsonText.parse(Files.readString(file)) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code over} on top of {@code under}, object by object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> under, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(under);
        over.forEach((k, v) -> out.merge(k, v, (a, b) -> a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb
                ? merge((Map<String, Object>) ma, (Map<String, Object>) mb) : b));
        return out;
    }
}
