package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.task.AgentScaffold;
import dev.wtcraft.task.IgnoreRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Prepare this repository for wtcraft: ignore rules for its local files, and the agent workflow.",
                "The ignore rules keep the local contract and state files, run ledgers and task worktrees out of git (.gitignore, or .git/info/exclude with --local).",
                "The agent workflow is role guides and the stage machine in .wtcraft/agents/, and Claude Code slash commands and skills for plan, status and finish.",
                "Existing files are never overwritten without --force; a changed copy is reported."})
final class InitCommand extends BaseCommand {
    @Option(names = "--local", description = "Write the ignore rules to .git/info/exclude instead of .gitignore.")
    boolean local;

    @Option(names = "--patch-agent-files",
            description = "Add a short wtcraft section to CLAUDE.md, AGENTS.md and GEMINI.md (once; 'wtcraft unpatch' removes it).")
    boolean patchAgentFiles;

    @Option(names = "--force", description = "Replace scaffold files that were changed by hand.")
    boolean force;

    @Override
    int execute() {
        var layout = layout();
        IgnoreRules.Result result = IgnoreRules.apply(layout, local);
        if (result.added().isEmpty()) {
            ctx.out().println("already up to date: " + result.file());
        } else {
            ctx.out().println("added " + String.join(", ", result.added()) + " to " + result.file());
        }
        AgentScaffold.install(layout.root(), force).forEach((path, state) -> {
            switch (state) {
                case WRITTEN -> ctx.out().println("wrote " + path);
                case REPLACED -> ctx.out().println("replaced " + path + " (it had been changed)");
                case DRIFTED -> ctx.err().println("kept " + path + ": it differs from this version's copy"
                        + " ('wtcraft init --force' replaces it)");
                case UP_TO_DATE, MISSING -> { }
            }
        });
        if (patchAgentFiles) {
            AgentScaffold.patch(layout.root()).forEach((name, state) -> ctx.out().println(switch (state) {
                case PATCHED -> "added the wtcraft section to " + name;
                case CREATED -> "created " + name + " with the wtcraft section";
                case ALREADY_PATCHED -> name + " already has the wtcraft section";
                case REMOVED, NOT_PATCHED, ABSENT -> name + ": " + state.wire();
            }));
        }
        return ExitCodes.OK;
    }
}
