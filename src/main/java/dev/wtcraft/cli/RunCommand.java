package dev.wtcraft.cli;

import dev.wtcraft.run.RunReport;
import dev.wtcraft.run.RunService;
import dev.wtcraft.run.TaskResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Locale;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a recipe: for each task, a worktree, its contract, the engine, check and verify, all in a ledger.",
                "Exit 0 all passed, 2 a scope violation, 3 a verification failure, 4 an engine failure or timeout,",
                "130 interrupted, 1 a fatal error (bad recipe, not a repository)."})
final class RunCommand extends RecipeCommand {
    @Option(names = "--dry-run", description = "Print the plan and create nothing (the same as 'wtcraft plan').")
    boolean dryRun;

    @Override
    int execute() {
        var layout = layout();
        var plan = loadPlan(layout);
        if (dryRun) {
            printPlan(plan, recipeName(layout, plan), RunService.defaultBase(layout, plan, ctx.env()));
            return 0;
        }
        PrintStream progress = json ? ctx.err() : ctx.out();
        RunReport report = new RunService(layout, plan, ctx.env(),
                (task, message) -> progress.println("[" + task + "] " + message)).run();
        if (json) {
            printJson(report.toDocument());
        } else {
            printTable(report, layout.root());
        }
        return report.exitCode();
    }

    void printTable(RunReport report, java.nio.file.Path root) {
        var out = ctx.out();
        out.println();
        String format = "%-28s %-16s %-12s %7s %7s %7s%n";
        out.printf(Locale.ROOT, format, "TASK", "OUTCOME", "ENGINE", "CHANGED", "VERIFY", "TIME");
        for (TaskResult t : report.tasks()) {
            out.printf(Locale.ROOT, format, t.task(), t.outcome().wire(), t.engine() == null ? "-" : t.engine(),
                    t.changedFiles().size(), t.verifyTotal() == 0 ? "-" : t.verifyPassed() + "/" + t.verifyTotal(),
                    String.format(Locale.ROOT, "%.1fs", t.duration().toMillis() / 1000.0));
        }
        out.println();
        out.println("ledger: " + root.relativize(report.ledger()) + "  (wtcraft show " + report.runId() + ")");
    }
}
