package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.task.AgentScaffold;
import picocli.CommandLine.Command;

@Command(name = "unpatch", mixinStandardHelpOptions = true,
        description = "Remove the wtcraft section that 'init --patch-agent-files' added to CLAUDE.md, AGENTS.md and GEMINI.md; the rest of each file stays.")
final class UnpatchCommand extends BaseCommand {
    @Override
    int execute() {
        AgentScaffold.unpatch(layout().root()).forEach((name, state) -> ctx.out().println(switch (state) {
            case REMOVED -> "removed the wtcraft section from " + name;
            case NOT_PATCHED -> name + " has no wtcraft section";
            case ABSENT -> name + " does not exist";
            case PATCHED, CREATED, ALREADY_PATCHED -> name + ": " + state.wire();
        }));
        return ExitCodes.OK;
    }
}
