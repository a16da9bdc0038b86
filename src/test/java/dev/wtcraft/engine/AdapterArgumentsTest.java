package dev.wtcraft.engine;

import dev.wtcraft.model.EngineKind;
import dev.wtcraft.model.EngineSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each adapter hands the CLI the boundary in its own terms; these are the command lines that were proven live. */
class AdapterArgumentsTest {
    static final Path WT = Path.of("/repo/worktrees/feat/a");
    static final Path LEDGER = Path.of("/repo/.wtcraft/runs/r/tasks/feat/a");

    static EngineSpec spec(EngineKind kind, String model, Integer maxTurns, List<String> args) {
        return new EngineSpec(kind.wire(), kind, null, null, model, args, Map.of(), null, maxTurns, null, null);
    }

    static EngineRun run(String resume, boolean readOnly, List<String> offLimits) {
        return new EngineRun(WT, "p", LEDGER.resolve("prompt.md"), Map.of(), Duration.ofMinutes(1), null, p -> { },
                LEDGER, new EngineRun.Boundary(List.of("src/"), offLimits, readOnly), resume, 1, null, null);
    }

    @Test
    void codexRunsInTheWorktreeWithItsSandboxLevelAndWritesTheLastMessageToTheLedger() {
        List<String> a = new CodexCli().arguments(spec(EngineKind.CODEX, "gpt-5.1-codex", null, List.of("-c", "k=v")),
                run(null, false, List.of()), "PROMPT");
        assertEquals(List.of("exec", "--json", "--skip-git-repo-check", "-C", WT.toString(), "-s", "workspace-write",
                "-o", LEDGER.resolve("last-message.md").toString(), "-m", "gpt-5.1-codex", "-c", "k=v", "PROMPT"), a);
        assertTrue(new CodexCli().arguments(spec(EngineKind.CODEX, null, null, List.of()), run(null, true, List.of()), "P")
                .contains("read-only"));
    }

    @Test
    void codexResumeTakesNeitherCdNorSandboxFlagsButTheSessionAndAConfigValue() {
        List<String> a = new CodexCli().arguments(spec(EngineKind.CODEX, null, null, List.of()), run("thread-1", false, List.of()), "FIX");
        assertEquals(List.of("exec", "resume", "--json", "--skip-git-repo-check", "-c", "sandbox_mode=\"workspace-write\"",
                "-o", LEDGER.resolve("last-message.md").toString(), "thread-1", "FIX"), a);
        assertFalse(a.contains("-C"));
        assertFalse(a.contains("-s"));
    }

    @Test
    void claudeAcceptsEditsButIsDeniedEditAndWriteOnEveryOffLimitsPath() {
        List<String> a = new ClaudeCli().arguments(spec(EngineKind.CLAUDE, "claude-sonnet-4-5", 20, List.of()),
                run("s-1", false, List.of("package.json", "secrets/", ".env*")), "PROMPT");
        assertEquals(List.of("-p", "PROMPT", "--output-format", "stream-json", "--verbose"), a.subList(0, 5));
        assertEquals("acceptEdits", a.get(a.indexOf("--permission-mode") + 1));
        assertEquals("20", a.get(a.indexOf("--max-turns") + 1));
        assertEquals("s-1", a.get(a.indexOf("--resume") + 1));
        List<String> denied = List.of(a.get(a.indexOf("--disallowedTools") + 1).split(","));
        for (String rule : List.of("Edit(package.json)", "Write(package.json)", "Edit(package.json/**)",
                "MultiEdit(secrets)", "Write(secrets/**)", "Edit(.env*)", "Write(.env*)")) {
            assertTrue(denied.contains(rule), rule + " in " + denied);
        }
    }

    @Test
    void claudeReadOnlyAllowsOnlyReadingTools() {
        List<String> a = new ClaudeCli().arguments(spec(EngineKind.CLAUDE, null, null, List.of()), run(null, true, List.of()), "P");
        assertEquals("default", a.get(a.indexOf("--permission-mode") + 1));
        assertEquals(ClaudeCli.READ_TOOLS, a.get(a.indexOf("--allowedTools") + 1));
        assertTrue(a.get(a.indexOf("--disallowedTools") + 1).contains("Bash"));
    }

    @Test
    void geminiApprovesEverythingInTheWorktreeAndCannotResume() {
        GeminiCli gemini = new GeminiCli();
        List<String> a = gemini.arguments(spec(EngineKind.GEMINI, "gemini-2.5-pro", null, List.of()), run(null, false, List.of()), "P");
        assertEquals(List.of("-p", "P", "--output-format", "stream-json", "--approval-mode", "yolo", "-m", "gemini-2.5-pro"), a);
        assertEquals("default", gemini.arguments(spec(EngineKind.GEMINI, null, null, List.of()), run(null, true, List.of()), "P")
                .get(5));
        assertFalse(gemini.canResume());
        assertEquals("true", gemini.environment(run(null, false, List.of())).get("GEMINI_CLI_TRUST_WORKSPACE"));
    }

    @Test
    void everyAgentIsToldWhereItsContractIs() {
        assertTrue(AgentEngine.agentPrompt("Do it.").startsWith("Do it.\n\nYour task contract is .worktree-task.md"));
    }

    static EngineRun withPolicy(Path ledger, List<String> sandbox) {
        var policy = new dev.wtcraft.model.Policy(List.of("npm test"), List.of(), List.of("git push*", "curl * | sh"));
        return new EngineRun(WT, "p", ledger.resolve("prompt.md"), Map.of(), Duration.ofMinutes(1), null, p -> { },
                ledger, new EngineRun.Boundary(List.of("src/"), List.of(), false, sandbox, null, Map.of(), null, policy),
                null, 1, null, null);
    }

    @Test
    void claudeIsToldThePolicysDeniedCommandsAsBashRules() {
        List<String> a = new ClaudeCli().arguments(spec(EngineKind.CLAUDE, null, null, List.of()), withPolicy(LEDGER, List.of()), "P");
        String denied = a.get(a.indexOf("--disallowedTools") + 1);
        assertEquals("Bash(git push:*),Bash(curl * | sh)", denied);
    }

    @Test
    void geminiGetsThePolicyAsAPolicyEngineFile(@org.junit.jupiter.api.io.TempDir Path ledger) throws Exception {
        List<String> a = new GeminiCli().arguments(spec(EngineKind.GEMINI, null, null, List.of()), withPolicy(ledger, List.of()), "P");
        Path file = Path.of(a.get(a.indexOf("--policy") + 1));
        String toml = java.nio.file.Files.readString(file);
        assertTrue(toml.contains("toolName = \"run_shell_command\"\ncommandPrefix = 'git push'\ndecision = \"deny\"\npriority = 990"), toml);
        assertTrue(toml.contains("commandRegex = '^curl .* \\| sh$'\ndecision = \"deny\""), toml);
        assertTrue(toml.contains("commandRegex = '^npm test$'\ndecision = \"allow\""), toml);
    }

    @Test
    void insideWtcraftsSandboxCodexRunsWithoutItsOwn() {
        List<String> a = new CodexCli().arguments(spec(EngineKind.CODEX, null, null, List.of()),
                withPolicy(LEDGER, List.of("bwrap", "--")), "P");
        assertEquals("danger-full-access", a.get(a.indexOf("-s") + 1));
    }
}
