package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.task.IgnoreRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Ignore the local contract and state files, run ledgers and task worktrees (idempotent).")
final class InitCommand extends BaseCommand {
    @Option(names = "--local", description = "Write the rules to .git/info/exclude instead of .gitignore.")
    boolean local;

    @Override
    int execute() {
        IgnoreRules.Result result = IgnoreRules.apply(layout(), local);
        if (result.added().isEmpty()) {
            ctx.out().println("already up to date: " + result.file());
        } else {
            ctx.out().println("added " + String.join(", ", result.added()) + " to " + result.file());
        }
        return ExitCodes.OK;
    }
}
