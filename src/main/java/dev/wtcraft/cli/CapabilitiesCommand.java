package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.task.Protocol;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "capabilities", mixinStandardHelpOptions = true,
        description = "Describe the machine protocol this build speaks.")
final class CapabilitiesCommand extends JsonCommand {

    @Override
    int execute() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("protocol_version", Protocol.VERSION);
        doc.put("cli_version", Version.current());
        Map<String, Object> commands = new LinkedHashMap<>();
        commands.put("init", command(false, "text", Map.of("0", "ok", "1", "fatal")));
        commands.put("new", command(false, "text", Map.of("0", "created", "1", "fatal")));
        commands.put("state", command(true, "object", Map.of("0", "ok", "1", "fatal")));
        commands.put("check", command(true, "object", Map.of("0", "no violations", "2", "violations", "1", "fatal")));
        commands.put("verify", command(true, "object",
                Map.of("0", "all passed", "3", "a verification command failed", "1", "fatal")));
        commands.put("status", command(true, "array", Map.of("0", "ok", "1", "fatal")));
        commands.put("capabilities", command(true, "object", Map.of("0", "ok")));
        commands.put("run", command(true, "object", Map.of("0", "every task passed", "1", "fatal",
                "2", "a scope violation or a tampered contract", "3", "a verification failure",
                "4", "an engine failure, timeout, budget, turn limit, API error or refusal",
                "5", "a reviewer requested changes", "130", "interrupted")));
        commands.put("review", command(true, "object", Map.of("0", "approved", "5", "changes requested",
                "4", "the reviewing engine failed", "1", "fatal")));
        commands.put("finish", command(true, "object", Map.of("0", "landed", "6", "not ready", "7", "conflicts with the base",
                "1", "fatal")));
        commands.put("report", command(false, "text", Map.of("0", "written", "1", "fatal")));
        commands.put("trace", command(true, "object", Map.of("0", "exported", "1", "fatal")));
        commands.put("export", command(true, "object", Map.of("0", "written", "1", "fatal")));
        commands.put("ide", command(false, "text", Map.of("0", "written", "1", "fatal")));
        commands.put("shell", command(false, "text", Map.of("0", "the session or script ended", "N", "the script's /exit N",
                "1", "fatal")));
        commands.put("plan", command(true, "object", Map.of("0", "ok", "1", "fatal")));
        commands.put("runs", command(true, "array", Map.of("0", "ok", "1", "fatal")));
        commands.put("show", command(true, "object", Map.of("0", "ok", "1", "fatal")));
        commands.put("diff", command(true, "object", Map.of("0", "ok", "1", "fatal: no such task or run")));
        commands.put("demo", command(false, "text", Map.of("0", "the demo ran as expected", "1", "fatal")));
        commands.put("clean", command(true, "object", Map.of("0", "ok", "1", "fatal")));
        commands.put("lib", command(true, "object", Map.of("0", "ok", "1", "fatal", "10", "lib test: a library test failed")));
        commands.put("test", command(true, "object", Map.of("0", "every test passed", "1", "fatal: a test file is wrong, or there is none",
                "10", "a test failed or could not run its recipe")));
        commands.put("init-ci", command(false, "text", Map.of("0", "written", "1", "fatal")));
        commands.put("policy", command(false, "text", Map.of("0", "approved", "1", "fatal")));
        commands.put("unpatch", command(false, "text", Map.of("0", "ok", "1", "fatal")));
        commands.put("migrate", command(false, "text", Map.of("0", "ok", "1", "fatal")));
        commands.put("doctor", command(true, "object", Map.of("0", "every sandbox level can be enforced",
                "1", "fatal", "8", "no sandbox can be enforced here")));
        // stdout is the Model Context Protocol (JSON-RPC, one message a line) until the client closes stdin
        commands.put("mcp", command(false, "mcp", Map.of("0", "the client closed stdin", "1", "fatal", "130", "interrupted")));
        commands.put("ci", command(true, "object", Map.of("0", "written or up to date", "1", "fatal, or --check found the workflow out of date")));
        commands.put("ledger", command(true, "object", Map.of("0", "collected", "1", "fatal")));
        doc.put("commands", commands);
        doc.put("repository_targeting", Map.of("option", "--repo", "normalizes_to_primary_worktree", true));
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("flag", "--json");
        machine.put("stdout", "exactly one JSON document");
        machine.put("stderr", "diagnostics and child command output");
        machine.put("fatal_error_shape", "{protocol_version, command, ok:false, error{code, message}}");
        doc.put("machine_output", machine);
        if (json) {
            printJson(doc);
        } else {
            ctx.out().println("wtcraft " + Version.current() + ", machine protocol " + Protocol.VERSION
                    + " (use --json for the full description)");
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> command(boolean json, String shape, Map<String, String> exitCodes) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("json", json);
        c.put("success_shape", shape);
        c.put("supports_repo_option", !shape.equals("none"));
        c.put("exit_codes", new java.util.TreeMap<>(exitCodes));
        return c;
    }
}
