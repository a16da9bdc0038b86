package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import picocli.CommandLine.Command;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what 'wtcraft run' would do, and create nothing.",
                "Every task in order with its worktree, base, engine and command, scope, off-limits, verification and its other settings, and which tasks never run at once, and why.",
                "The same as 'wtcraft run --dry-run'."})
final class PlanCommand extends RecipeCommand {
    @picocli.CommandLine.Option(names = "--format", paramLabel = "FORMAT",
            description = "text (default), json, mermaid or dot: the task graph, with the pairs that never run at once marked.")
    String format;

    @picocli.CommandLine.Option(names = "--jobs", paramLabel = "N", description = "Plan for N tasks at once.")
    Integer jobs;

    /** --format json is machine output as --json is: a failure is the protocol's error document on stdout too. */
    @Override
    boolean json() {
        return super.json() || "json".equals(format);
    }

    @Override
    int execute() {
        var layout = layout();
        var plan = loadPlan(layout);
        printPlan(plan, recipeName(layout, plan), dev.wtcraft.run.RunPreflight.defaultBase(layout, plan, ctx.env()), layout, jobs, format);
        return ExitCodes.OK;
    }
}
