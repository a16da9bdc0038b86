package dev.wtcraft.mcp;

import java.nio.file.Path;

/** How to register `wtcraft mcp` with Claude Code, Codex and Gemini CLI, each in its own config format. */
public final class ClientConfigs {
    private ClientConfigs() {
    }

    public static String text(Path repo) {
        String r = repo.toString().replace("\\", "\\\\").replace("\"", "\\\"");
        return "# Claude Code: .mcp.json in the repository (or: claude mcp add wtcraft -- wtcraft mcp --repo " + repo + ")\n"
                + "{\n  \"mcpServers\": {\n    \"wtcraft\": {\n      \"command\": \"wtcraft\",\n"
                + "      \"args\": [\"mcp\", \"--repo\", \"" + r + "\"]\n    }\n  }\n}\n\n"
                + "# Codex: ~/.codex/config.toml\n"
                + "[mcp_servers.wtcraft]\ncommand = \"wtcraft\"\nargs = [\"mcp\", \"--repo\", \"" + r + "\"]\n\n"
                + "# Gemini CLI: .gemini/settings.json in the repository (or ~/.gemini/settings.json)\n"
                + "{\n  \"mcpServers\": {\n    \"wtcraft\": {\n      \"command\": \"wtcraft\",\n"
                + "      \"args\": [\"mcp\", \"--repo\", \"" + r + "\"]\n    }\n  }\n}\n";
    }
}
