package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.task.LegacyScaffold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Remove what the original wtcraft's init left, after asking.",
                "That is .agent-harness/, its slash commands, skills and contract template, and its pointer blocks in CLAUDE.md and AGENTS.md. Run 'wtcraft init' for this tool's own."})
final class MigrateCommand extends BaseCommand {
    @Option(names = "--yes", description = "Remove without asking (needed without a terminal).")
    boolean yes;

    @Option(names = "--dry-run", description = "Only list what would be removed.")
    boolean dryRun;

    @Override
    int execute() {
        var root = layout().root();
        List<String> legacy = LegacyScaffold.present(root);
        if (legacy.isEmpty()) {
            ctx.out().println("nothing to migrate: no files of the original tool in " + root);
            return ExitCodes.OK;
        }
        legacy.forEach(p -> ctx.out().println("legacy  " + p));
        if (dryRun) {
            return ExitCodes.OK;
        }
        if (!yes) {
            var console = System.console();
            if (console == null) {
                throw WtcraftException.fatal("not removing " + legacy.size()
                        + " legacy file(s) without asking: run 'wtcraft migrate --yes' (or on a terminal)");
            }
            String answer = console.readLine("remove these %d? [y/N] ", legacy.size());
            if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
                ctx.out().println("nothing removed");
                return ExitCodes.OK;
            }
        }
        LegacyScaffold.remove(root).forEach(p -> ctx.out().println("removed " + p));
        ctx.out().println("next: 'wtcraft init' installs this tool's agent workflow");
        return ExitCodes.OK;
    }
}
