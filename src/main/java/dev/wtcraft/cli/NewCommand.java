package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.task.TaskCreator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Create a task worktree at worktrees/<type>/<name> on branch <type>/<name>, with its contract.")
final class NewCommand extends BaseCommand {
    @Parameters(paramLabel = "<type/name>", description = "The task, like feat/login.")
    String name;

    @Option(names = "--base", paramLabel = "REF",
            description = "Base ref (default: $WTCRAFT_BASE_BRANCH, origin/HEAD, main, master, develop, the current branch).")
    String base;

    @Option(names = "--objective", paramLabel = "TEXT", description = "The Objective section.")
    String objective;

    @Option(names = "--scope", paramLabel = "PATTERN", description = "A Scope item (repeatable).")
    List<String> scope = new ArrayList<>();

    @Option(names = "--off-limits", paramLabel = "PATTERN", description = "An Off-limits item (repeatable).")
    List<String> offLimits = new ArrayList<>();

    @Option(names = "--verify", paramLabel = "COMMAND",
            description = "A Verification command (repeatable; default: git diff --check).")
    List<String> verify = new ArrayList<>();

    @Option(names = "--priority", paramLabel = "P", description = "Priority in the front matter (default: medium).")
    String priority;

    @Option(names = "--agent", paramLabel = "NAME", description = "The agent assigned in the state file.")
    String agent;

    @Override
    int execute() {
        var created = TaskCreator.create(layout(),
                TaskCreator.Spec.of(name, base, objective, scope, offLimits,
                        verify.isEmpty() ? List.of("git diff --check") : verify, priority, agent),
                ctx.env(), ctx.err());
        ctx.out().println("created " + created.worktree().path() + " on branch " + name + " from " + created.base());
        if (scope.isEmpty() && offLimits.isEmpty() && verify.isEmpty()) {
            ctx.err().println("next: fill in Scope, Off-limits and Verification in " + created.worktree().taskFile()
                    + ", then run 'wtcraft state " + name + " --stage planned' to fix the specification");
        }
        return ExitCodes.OK;
    }
}
