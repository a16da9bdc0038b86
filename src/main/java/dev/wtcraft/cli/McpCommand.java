package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.mcp.ClientConfigs;
import dev.wtcraft.mcp.Verbs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve wtcraft's verbs as Model Context Protocol tools on stdin and stdout, for other agents to drive.",
                "Tools: plan, run (in the background), run_status, cancel, show, diff, check, verify, status, review, finish; each refuses what the command line refuses, with the same message. plan and run also take tasks inline, in the recipe's keyword names.",
                "Resources: each run's ledger files and report, as wtcraft://runs/<id>/... Logs go to stderr.",
                "--print-config shows how to register the server with Claude Code, Codex and Gemini CLI."})
final class McpCommand extends BaseCommand {
    @Option(names = "--print-config", description = "Print the configuration that registers this server with Claude Code, Codex and Gemini CLI, and exit.")
    boolean printConfig;

    @Override
    int execute() {
        var layout = layout();
        if (printConfig) {
            ctx.out().print(ClientConfigs.text(layout.root()));
            return ExitCodes.OK;
        }
        // stdout is the protocol: whatever else would print there goes to stderr
        PrintStream protocol = ctx.out();
        if (protocol == System.out) {
            System.setOut(ctx.err());
        }
        Verbs verbs = args -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Cli.run(layout.root(), ctx.env(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), args);
            return new Verbs.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        };
        try {
            return dev.wtcraft.mcp.McpServe.serve(layout, ctx.env(), verbs, System.in, protocol, Version.current());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
    }
}
