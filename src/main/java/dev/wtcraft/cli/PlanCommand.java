package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.run.RunService;
import picocli.CommandLine.Command;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what 'wtcraft run' would do: tasks in order, worktrees, bases, engines, commands. Creates nothing.")
final class PlanCommand extends RecipeCommand {
    @Override
    int execute() {
        var layout = layout();
        var plan = loadPlan(layout);
        printPlan(plan, recipeName(layout, plan), RunService.defaultBase(layout, plan, ctx.env()));
        return ExitCodes.OK;
    }
}
