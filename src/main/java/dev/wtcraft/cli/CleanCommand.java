package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.ByteSize;
import dev.wtcraft.model.Durations;
import dev.wtcraft.run.CleanService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {"Remove the worktrees and branches of finished tasks, and prune stale worktree entries.",
                "With --keep N it also removes the ledgers of all runs but the N newest, and it says how much space that reclaimed. It never removes a task or run a live runner holds, nor, unless --force, uncommitted work or a branch with commits on no other branch (land it with finish first)."})
final class CleanCommand extends JsonCommand {
    @Option(names = "--merged", description = "Only tasks whose branch is merged into its base.")
    boolean merged;

    @Option(names = "--older-than", paramLabel = "AGE", description = "Only tasks (and, with --keep, runs) untouched for this long (7d, 12h).")
    String olderThan;

    @Option(names = "--keep", paramLabel = "N", description = "Also remove the ledgers of all runs but the N newest; never one still running.")
    Integer keep;

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
        if (keep != null && keep < 0) {
            throw WtcraftException.fatal("--keep takes how many runs to keep, 0 or more, not " + keep);
        }
        CleanService.Result result = CleanService.clean(layout(),
                new CleanService.Options(merged, age, dryRun, force, keep));
        if (json) {
            var doc = dev.wtcraft.task.Protocol.header("clean", true);
            doc.put("dry_run", dryRun);
            doc.putAll(result.toDocument());
            printJson(doc);
            return ExitCodes.OK;
        }
        result.worktrees().forEach(d -> ctx.out().println(d.action() + " " + d.task() + ": " + d.reason()));
        result.runs().forEach(d -> ctx.out().println(d.action() + " run " + d.runId() + ": " + d.reason()));
        ctx.out().println(summary(result));
        return ExitCodes.OK;
    }

    /** "removed 3 worktrees and 5 runs, 1.2 GiB reclaimed", or what a dry run would do. */
    private String summary(CleanService.Result result) {
        String what = count(result.removedWorktrees(), "worktree")
                + (keep == null ? "" : " and " + count(result.removedRuns(), "run"));
        String size = ByteSize.format(result.reclaimedBytes());
        String trash = result.trashBytes() == 0 ? ""
                : " (" + ByteSize.format(result.trashBytes()) + " of it left in the trash by an interrupted clean)";
        return dryRun ? "would remove " + what + ", reclaiming " + size + trash
                : "removed " + what + ", " + size + " reclaimed" + trash;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
