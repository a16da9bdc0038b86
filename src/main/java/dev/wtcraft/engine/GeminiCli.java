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
        a.addAll(spec.args());
        return a;
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
