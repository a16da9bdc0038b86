package dev.wtcraft.engine;

import dev.wtcraft.io.JsonText;
import dev.wtcraft.model.EngineKind;
import dev.wtcraft.model.EngineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each adapter hands the CLI the boundary and its settings in its own terms; these are the command lines that
 * were proven live (AgentGatesIT runs them against the real CLIs).
 */
class AdapterArgumentsTest {
    static final Path WT = Path.of("/repo/worktrees/feat/a");
    static final Path LEDGER = Path.of("/repo/.wtcraft/runs/r/tasks/feat/a");
    /** No CLI home of the machine's: nothing read from it. */
    static final Map<String, String> ENV = Map.of("HOME", "/nonexistent-home");

    static EngineSpec spec(EngineKind kind, String model, Integer maxTurns, List<String> args) {
        return new EngineSpec(kind.wire(), kind, new EngineSpec.Launch(null, null, args, Map.of()), null,
                new EngineSpec.Settings(model, maxTurns, null, null, List.of(), null), null, null);
    }

    /** {@code settings} with the model (and turn limit) named. */
    static EngineSpec.Settings with(EngineSpec.Settings s, String model, Integer maxTurns) {
        return new EngineSpec.Settings(model, maxTurns, s.reasoning(), s.sandbox(), s.mcp(), s.appendSystemPrompt());
    }

    static EngineSpec spec(EngineKind kind, String model, EngineSpec.Settings settings) {
        return new EngineSpec(kind.wire(), kind, null, null, with(settings, model, null), null, null);
    }

    static final EngineSpec.Settings ALL = new EngineSpec.Settings(null, null, EngineSpec.Reasoning.HIGH, null,
            List.of(new EngineSpec.Mcp("files", "node", List.of("server.js", "--root", "."), Map.of("TOKEN", "t\"1"), null),
                    new EngineSpec.Mcp("docs", null, List.of(), Map.of(), "http://127.0.0.1:8811/mcp")),
            "Run the linter.\nThen say \"done\".");

    /** The command line a CLI gets for this spec and run. */
    static List<String> args(AgentCli cli, EngineSpec spec, EngineRun run) {
        return args(cli, spec, run, ENV);
    }

    static List<String> args(AgentCli cli, EngineSpec spec, EngineRun run, Map<String, String> env) {
        try (EngineFiles files = EngineFiles.create()) {
            return cli.arguments(new AgentCli.Launch(spec, run, env, files));
        }
    }

    static EngineRun run(String resume, boolean readOnly, List<String> offLimits) {
        return new EngineRun(WT, "p", LEDGER.resolve("prompt.md"), Map.of(), null, LEDGER,
                new EngineRun.Boundary(List.of("src/"), offLimits, readOnly), EngineRun.Gates.timeout(Duration.ofMinutes(1)),
                new EngineRun.Resume(1, resume, null), null);
    }

    static String after(List<String> a, String flag) {
        return a.get(a.indexOf(flag) + 1);
    }

    @Test
    void codexRunsInTheWorktreeWithItsSandboxLevelReadsThePromptFromStdinAndWritesTheLastMessageToTheLedger() {
        List<String> a = args(new CodexCli(), spec(EngineKind.CODEX, "gpt-5.1-codex", null, List.of("-c", "k=v")),
                run(null, false, List.of()));
        assertEquals(List.of("exec", "--json", "--skip-git-repo-check", "-C", WT.toString(), "-s", "workspace-write",
                "-o", LEDGER.resolve("last-message.md").toString(), "-m", "gpt-5.1-codex", "-c", "k=v", "-"), a);
        assertTrue(args(new CodexCli(), spec(EngineKind.CODEX, null, null, List.of()), run(null, true, List.of()))
                .contains("read-only"));
    }

    @Test
    void codexResumeTakesNeitherCdNorSandboxFlagsButTheSessionAndAConfigValue() {
        List<String> a = args(new CodexCli(), spec(EngineKind.CODEX, null, null, List.of()), run("thread-1", false, List.of()));
        assertEquals(List.of("exec", "resume", "--json", "--skip-git-repo-check", "-c", "sandbox_mode=\"workspace-write\"",
                "-o", LEDGER.resolve("last-message.md").toString(), "thread-1", "-"), a);
        assertFalse(a.contains("-C"));
        assertFalse(a.contains("-s"));
    }

    @Test
    void codexSandboxLevelIsTheRecipesUnlessTheRunIsReadOnly() {
        EngineSpec full = spec(EngineKind.CODEX, null, new EngineSpec.Settings(null, null, null,
                EngineSpec.SandboxLevel.DANGER_FULL_ACCESS, List.of(), null));
        assertEquals("danger-full-access", after(args(new CodexCli(), full, run(null, false, List.of())), "-s"));
        assertEquals("read-only", after(args(new CodexCli(), full, run(null, true, List.of())), "-s"));
        assertEquals("sandbox_mode=\"danger-full-access\"", after(args(new CodexCli(), full, run("t", false, List.of())), "-c"));
    }

    @Test
    void codexGetsReasoningDeveloperInstructionsAndMcpServersAsTomlConfigValues() {
        List<String> a = args(new CodexCli(), spec(EngineKind.CODEX, null, ALL), run(null, false, List.of()));
        assertTrue(a.contains("model_reasoning_effort=\"high\""), a.toString());
        assertTrue(a.contains("developer_instructions=\"Run the linter.\\nThen say \\\"done\\\".\""), a.toString());
        assertTrue(a.contains("mcp_servers.files.command=\"node\""), a.toString());
        assertTrue(a.contains("mcp_servers.files.args=[\"server.js\", \"--root\", \".\"]"), a.toString());
        assertTrue(a.contains("mcp_servers.files.env={\"TOKEN\" = \"t\\\"1\"}"), a.toString());
        assertTrue(a.contains("mcp_servers.docs.url=\"http://127.0.0.1:8811/mcp\""), a.toString());
        assertEquals("-", a.get(a.size() - 1));
    }

    @Test
    void codexBoundsTheRetriesOfAProviderConfigNamesAndNotOfTheBuiltInOne(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("config.toml"), "model = \"m\"\nmodel_provider = \"mock\"\n[model_providers.mock]\n");
        List<String> a = args(new CodexCli(), spec(EngineKind.CODEX, null, null, List.of()), run(null, false, List.of()),
                Map.of("CODEX_HOME", home.toString()));
        assertTrue(a.contains("model_providers.mock.request_max_retries=2"), a.toString());
        assertTrue(a.contains("model_providers.mock.stream_max_retries=2"), a.toString());
        assertNull(CodexCli.provider(spec(EngineKind.CODEX, null, null, List.of()), ENV));
        assertEquals("x", CodexCli.provider(spec(EngineKind.CODEX, null, null, List.of("-c", "model_provider=\"x\"")), ENV));
    }

    @Test
    void claudeReadsThePromptFromStdinStreamsPartialMessagesAndIsDeniedTheWritingToolsOnEveryOffLimitsPath() {
        List<String> a = args(new ClaudeCli(), spec(EngineKind.CLAUDE, "claude-sonnet-4-5", 20, List.of()),
                run("s-1", false, List.of("package.json", "secrets/", ".env*")));
        assertEquals(List.of("-p", "--output-format", "stream-json", "--verbose", "--include-partial-messages"), a.subList(0, 5));
        assertEquals("acceptEdits", after(a, "--permission-mode"));
        assertEquals("20", after(a, "--max-turns"));
        assertEquals("s-1", after(a, "--resume"));
        assertEquals("Bash,Edit,Write,NotebookEdit,Read", after(a, "--allowedTools"));
        List<String> denied = List.of(after(a, "--disallowedTools").split(","));
        for (String rule : List.of("Edit(package.json)", "Write(package.json)", "Edit(package.json/**)",
                "NotebookEdit(secrets)", "Write(secrets/**)", "Edit(.env*)", "Write(.env*)")) {
            assertTrue(denied.contains(rule), rule + " in " + denied);
        }
        assertFalse(String.join(" ", a).contains("MultiEdit"), "2.1.329 has no MultiEdit");
    }

    @Test
    void claudeReadOnlyAllowsOnlyReadingTools() {
        List<String> a = args(new ClaudeCli(), spec(EngineKind.CLAUDE, null, null, List.of()), run(null, true, List.of()));
        assertEquals("default", after(a, "--permission-mode"));
        assertEquals(ClaudeCli.READ_TOOLS, after(a, "--allowedTools"));
        assertEquals("Bash,Edit,Write,NotebookEdit", after(a, "--disallowedTools"));
    }

    @Test
    void claudeGetsEffortItsBudgetTheAppendedSystemPromptAndMcpServersAsFlagsAndFiles() throws Exception {
        EngineRun base = run(null, false, List.of());
        EngineRun run = new EngineRun(base.worktree(), base.prompt(), base.promptFile(), base.env(), base.events(),
                base.ledgerDir(), base.boundary(), new EngineRun.Gates(base.gates().timeout(), null, 0.75), base.resume(),
                null);
        try (EngineFiles files = EngineFiles.create()) {
            List<String> a = new ClaudeCli().arguments(new AgentCli.Launch(spec(EngineKind.CLAUDE, null, ALL), run, ENV, files));
            assertEquals("high", after(a, "--effort"));
            assertEquals("0.750000", after(a, "--max-budget-usd"));
            assertEquals(ALL.appendSystemPrompt(), Files.readString(Path.of(after(a, "--append-system-prompt-file"))));
            Map<?, ?> mcp = (Map<?, ?>) ((Map<?, ?>) JsonText.parse(Files.readString(Path.of(after(a, "--mcp-config")))))
                    .get("mcpServers");
            assertEquals(Map.of("command", "node", "args", List.of("server.js", "--root", "."), "env", Map.of("TOKEN", "t\"1")),
                    mcp.get("files"));
            assertEquals(Map.of("type", "http", "url", "http://127.0.0.1:8811/mcp"), mcp.get("docs"));
            assertEquals("Bash,Edit,Write,NotebookEdit,Read,mcp__files,mcp__docs", after(a, "--allowedTools"));
        }
    }

    @Test
    void claudeRetriesAreBoundedUnlessTheRecipeSaysOtherwise() {
        AgentEngine engine = new AgentEngine(spec(EngineKind.CLAUDE, null, null, List.of()), () -> false,
                PriceTable.load(Map.of()));
        try (EngineFiles files = EngineFiles.create()) {
            assertEquals("2", engine.environment(run(null, false, List.of()), files).get("CLAUDE_CODE_MAX_RETRIES"));
        }
        AgentEngine own = new AgentEngine(new EngineSpec("claude", EngineKind.CLAUDE,
                new EngineSpec.Launch(null, null, List.of(), Map.of("CLAUDE_CODE_MAX_RETRIES", "7")), null, null, null, null), () -> false, PriceTable.load(Map.of()));
        try (EngineFiles files = EngineFiles.create()) {
            assertEquals("7", own.environment(run(null, false, List.of()), files).get("CLAUDE_CODE_MAX_RETRIES"));
        }
    }

    @Test
    void geminiApprovesEverythingInTheWorktreeReadsStdinAndResumesTheSession() {
        GeminiCli gemini = new GeminiCli();
        List<String> a = args(gemini, spec(EngineKind.GEMINI, "gemini-2.5-pro", null, List.of()), run(null, false, List.of()));
        assertEquals(List.of("-p", "", "--output-format", "stream-json", "--approval-mode", "yolo", "-m", "gemini-2.5-pro"), a);
        assertEquals("default", args(gemini, spec(EngineKind.GEMINI, null, null, List.of()), run(null, true, List.of())).get(5));
        assertEquals("s-9", after(args(gemini, spec(EngineKind.GEMINI, null, null, List.of()), run("s-9", false, List.of())), "-r"));
        assertTrue(gemini.canResume());
    }

    @Test
    void geminiGetsItsTurnLimitRetryBoundThinkingAndMcpServersAsASystemSettingsFileTheRecipeCannotReplace(
            @TempDir Path dir) throws Exception {
        Path admin = dir.resolve("admin.json");
        Files.writeString(admin, "{\"general\": {\"maxAttempts\": 5}, \"security\": {\"disableYoloMode\": true}}");
        EngineSpec spec = new EngineSpec("gemini", EngineKind.GEMINI, new EngineSpec.Launch(null, null, List.of(),
                Map.of("GEMINI_CLI_SYSTEM_SETTINGS_PATH", admin.toString())), null, with(ALL, "gemini-2.5-pro", 4), null, null);
        AgentEngine engine = new AgentEngine(spec, () -> false, PriceTable.load(Map.of()));
        try (EngineFiles files = EngineFiles.create()) {
            Map<String, String> env = engine.environment(run(null, false, List.of()), files);
            Path settings = Path.of(env.get("GEMINI_CLI_SYSTEM_SETTINGS_PATH"));
            assertTrue(settings.startsWith(files.dir()), settings.toString());
            assertEquals("true", env.get("GEMINI_CLI_TRUST_WORKSPACE"));
            Map<?, ?> s = (Map<?, ?>) JsonText.parse(Files.readString(settings));
            assertEquals(Map.of("maxSessionTurns", 4L), s.get("model"));
            assertEquals(Map.of("maxAttempts", 5L), s.get("general"), "the administrator's setting keeps the last word");
            assertEquals(Map.of("disableYoloMode", true), s.get("security"));
            assertEquals(List.of(Map.of("match", Map.of("model", "gemini-2.5-pro"), "modelConfig",
                    Map.of("generateContentConfig", Map.of("thinkingConfig", Map.of("thinkingLevel", "HIGH"))))),
                    ((Map<?, ?>) s.get("modelConfigs")).get("overrides"));
            Map<?, ?> mcp = (Map<?, ?>) s.get("mcpServers");
            assertEquals(Map.of("httpUrl", "http://127.0.0.1:8811/mcp"), mcp.get("docs"));
            assertEquals("node", ((Map<?, ?>) mcp.get("files")).get("command"));
        }
    }

    @Test
    void theSettingsFilesOfARunAreGoneWhenItEnds() {
        Path dir;
        try (EngineFiles files = EngineFiles.create()) {
            dir = files.dir();
            files.write("x.json", "{}");
            assertTrue(Files.isRegularFile(dir.resolve("x.json")));
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void everyAgentIsToldWhereItsContractIs() {
        assertTrue(AgentEngine.agentPrompt("Do it.").startsWith("Do it.\n\nYour task contract is .worktree-task.md"));
    }

    @Test
    void thePromptFileBecomesStdinOutsideAnySandbox() {
        assertEquals(List.of("sh", "-c", "exec \"$@\" < \"$0\"", "/tmp/p.md", "bwrap", "--", "claude", "-p"),
                AgentEngine.withStdin(List.of("bwrap", "--", "claude", "-p"), Path.of("/tmp/p.md")));
    }

    static EngineRun withPolicy(Path ledger, List<String> sandbox) {
        var policy = new dev.wtcraft.model.Policy(List.of("npm test"), List.of(), List.of("git push*", "curl * | sh"));
        return new EngineRun(WT, "p", ledger.resolve("prompt.md"), Map.of(), null, ledger,
                new EngineRun.Boundary(List.of("src/"), List.of(), false, sandbox, null, Map.of(), null, policy),
                EngineRun.Gates.timeout(Duration.ofMinutes(1)), EngineRun.Resume.FIRST, null);
    }

    @Test
    void claudeIsToldThePolicysDeniedCommandsAsBashRules() {
        List<String> a = args(new ClaudeCli(), spec(EngineKind.CLAUDE, null, null, List.of()), withPolicy(LEDGER, List.of()));
        assertEquals("Bash(git push:*),Bash(curl * | sh)", after(a, "--disallowedTools"));
    }

    @Test
    void geminiGetsThePolicyAsAPolicyEngineFile(@TempDir Path ledger) throws Exception {
        List<String> a = args(new GeminiCli(), spec(EngineKind.GEMINI, null, null, List.of()), withPolicy(ledger, List.of()));
        Path file = Path.of(after(a, "--policy"));
        String toml = Files.readString(file);
        assertTrue(toml.contains("toolName = \"run_shell_command\"\ncommandPrefix = 'git push'\ndecision = \"deny\"\npriority = 990"), toml);
        assertTrue(toml.contains("commandRegex = '^curl .* \\| sh$'\ndecision = \"deny\""), toml);
        assertTrue(toml.contains("commandRegex = '^npm test$'\ndecision = \"allow\""), toml);
    }

    @Test
    void insideWtcraftsSandboxCodexRunsWithoutItsOwn() {
        List<String> a = args(new CodexCli(), spec(EngineKind.CODEX, null, null, List.of()), withPolicy(LEDGER, List.of("bwrap", "--")));
        assertEquals("danger-full-access", after(a, "-s"));
    }

    @Test
    void aFailedStartNamesTheSystemsReasonAndNeverTheCommandLineOrEnvironment() {
        var e = new java.io.UncheckedIOException("cannot start setsid: Could not execute [setsid, claude, SECRET-PROMPT] "
                + "in /w with environment {TOKEN=hunter2}. Error=7, Argument list too long",
                new java.io.IOException("Cannot run program \"setsid\" (in directory \"/w\"): error=7, Argument list too long"));
        assertEquals("error=7, Argument list too long", Classifier.startFailure(e));
    }
}
