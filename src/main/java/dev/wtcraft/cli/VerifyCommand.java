package dev.wtcraft.cli;

import dev.wtcraft.task.VerifyReport;
import dev.wtcraft.task.VerifyService;
import dev.wtcraft.task.WorktreeResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Locale;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Run every Verification command with bash -lc in the worktree, each even after one failed.",
                "Exit 0 all passed, 3 any failed, 1 fatal."})
final class VerifyCommand extends JsonCommand {
    @Parameters(paramLabel = "<wt>", description = "The worktree: a path, <type>/<name>, a branch, or a directory name.")
    String worktree;

    @Override
    int execute() {
        var wt = WorktreeResolver.resolve(layout(), ctx.cwd(), worktree);
        VerifyReport report = VerifyService.verify(wt, json ? ctx.err() : ctx.out(), ctx.err(), ctx.err(), step -> {
            if (!json) {
                ctx.out().println(String.format(Locale.ROOT, "%s %s (exit %d, %.2fs)",
                        step.passed() ? "[pass]" : "[FAIL]", step.command(), step.exitCode(), step.durationSeconds()));
            }
        });
        if (json) {
            printJson(report.toDocument());
        } else {
            ctx.out().println(report.summaryLine());
        }
        return report.exitCode();
    }
}
