package dev.wtcraft.cli;

import dev.wtcraft.scope.Violation;
import dev.wtcraft.task.CheckReport;
import dev.wtcraft.task.CheckService;
import dev.wtcraft.task.WorktreeResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Judge the worktree's real changes against its Scope and Off-limits.",
                "Exit 0 clean, 2 violations, 1 fatal."})
final class CheckCommand extends JsonCommand {
    @Parameters(paramLabel = "<wt>", description = "The worktree: a path, <type>/<name>, a branch, or a directory name.")
    String worktree;

    @Override
    int execute() {
        var wt = WorktreeResolver.resolve(layout(), ctx.cwd(), worktree);
        CheckReport report = CheckService.check(wt, ctx.err());
        if (json) {
            printJson(report.toDocument());
        } else {
            ctx.out().println(report.changedFiles().size() + " changed file(s) against " + report.base());
            for (Violation v : report.violations()) {
                ctx.out().println("  " + v.kind().wire() + ": " + v.message());
            }
            ctx.out().println(report.passed() ? "check passed" : "check failed: " + report.violations().size() + " violation(s)");
        }
        return report.exitCode();
    }
}
