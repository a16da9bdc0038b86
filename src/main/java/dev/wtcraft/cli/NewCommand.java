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
            description = "A Verification command (repeatable). Without any of --scope, --off-limits, --verify the original tool's template sections are written; with some, Verification defaults to git diff --check.")
    List<String> verify = new ArrayList<>();

    @Option(names = "--priority", paramLabel = "P", description = "Priority in the front matter (default: medium).")
    String priority;

    @Option(names = "--agent", paramLabel = "NAME", description = "The agent assigned in the state file.")
    String agent;

    /** The original tool's template sections, written when no section option is given. */
    static final List<String> ORIGINAL_SCOPE = List.of("src/example.ts");
    static final List<String> ORIGINAL_OFF_LIMITS = List.of("pnpm-lock.yaml", "contracts/", "CLAUDE.md", "AGENTS.md");
    static final List<String> ORIGINAL_VERIFICATION = List.of("pnpm tsc --noEmit");

    @Override
    int execute() {
        boolean given = !scope.isEmpty() || !offLimits.isEmpty() || !verify.isEmpty();
        TaskCreator.Spec spec = given
                ? TaskCreator.Spec.of(name, base, objective, scope, offLimits,
                        verify.isEmpty() ? List.of("git diff --check") : verify, priority, agent)
                : TaskCreator.Spec.of(name, base, objective, ORIGINAL_SCOPE, ORIGINAL_OFF_LIMITS,
                        ORIGINAL_VERIFICATION, priority, agent);
        var created = TaskCreator.createNew(layout(), spec, given, ctx.env(), ctx.err());
        ctx.out().println("created " + created.worktree().path() + " on branch " + name + " from " + created.base());
        if (created.planned() != null) {
            ctx.err().println("took the planned contract " + created.planned() + " into " + created.worktree().taskFile());
        } else if (!given) {
            ctx.err().println("next: fill in Scope, Off-limits and Verification in " + created.worktree().taskFile()
                    + ", then run 'wtcraft state " + name + " --stage planned' to fix the specification");
        }
        return ExitCodes.OK;
    }
}
