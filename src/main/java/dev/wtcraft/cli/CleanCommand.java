package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.model.Durations;
import dev.wtcraft.run.CleanService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {"Remove the worktrees and branches of finished tasks, and prune stale worktree entries.",
                "It never removes a task a live runner holds, nor, unless --force, uncommitted work or a branch with commits on no other branch (land it with finish first)."})
final class CleanCommand extends JsonCommand {
    @Option(names = "--merged", description = "Only tasks whose branch is merged into its base.")
    boolean merged;

    @Option(names = "--older-than", paramLabel = "AGE", description = "Only tasks untouched for this long (7d, 12h).")
    String olderThan;

    @Option(names = "--dry-run", description = "Say what would be removed, and remove nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Remove worktrees with uncommitted work, and branches whose commits are on no other branch, too.")
    boolean force;

    @Override
    int execute() {
        Duration age = null;
        if (olderThan != null) {
            age = Durations.parse(olderThan);
            if (age == null) {
                throw WtcraftException.fatal("--older-than takes an age like 7d, 12h or 30m, not '" + olderThan + "'");
            }
        }
        List<CleanService.Decision> decisions = CleanService.clean(layout(),
                new CleanService.Options(merged, age, dryRun, force));
        if (json) {
            var doc = dev.wtcraft.task.Protocol.header("clean", true);
            doc.put("dry_run", dryRun);
            doc.put("worktrees", decisions.stream().map(CleanService.Decision::toDocument).toList());
            printJson(doc);
        } else if (decisions.isEmpty()) {
            ctx.out().println("no task worktrees to clean");
        } else {
            decisions.forEach(d -> ctx.out().println(d.action() + " " + d.task() + ": " + d.reason()));
        }
        return ExitCodes.OK;
    }
}
