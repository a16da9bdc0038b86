package dev.wtcraft.cli;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.Landing;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.RunHistory;
import dev.wtcraft.run.FinishService;
import dev.wtcraft.task.Protocol;
import dev.wtcraft.task.WorktreeResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "finish", mixinStandardHelpOptions = true,
        description = {"Land a ready task on its base, record the commit, and remove its worktree and branch.",
                "Ready means check and verify passed on the current contents, and a review approved them where one is required. Conflicts are found before the base is touched.",
                "--all [RUN] lands every ready task of a run in dependency order, and skips, saying why, each one that is not and what depends on it (--stop-at-first: stop at the first).",
                "Exit 0 landed (or would land), 6 not ready, 7 conflicts with the base (for --all: the first problem's code), 1 fatal."})
final class FinishCommand extends JsonCommand {
    @Parameters(arity = "0..1", paramLabel = "<wt|RUN>", description = "The worktree; with --all, the run (default: the last).")
    String target;

    @Option(names = "--all", description = "Every task of a run, in dependency order.")
    boolean all;

    @Option(names = "--stop-at-first", description = "With --all: stop at the first task that cannot land.")
    boolean stopAtFirst;

    @Option(names = "--strategy", paramLabel = "merge|squash|rebase", description = "How the task's commits land (default: merge).")
    String strategy = "merge";

    @Option(names = "--keep", description = "Keep the worktree and branch after landing.")
    boolean keep;

    @Option(names = "--dry-run", description = "Say what would land and whether it conflicts; change nothing.")
    boolean dryRun;

    @Option(names = "--into", paramLabel = "BRANCH", description = "Land on this branch instead of the task's base.")
    String into;

    @Option(names = "--ci", description = "With --all and --from: the landing job of a workflow: restore each passed task from origin and the collected run, land, then push the bases to origin.")
    boolean ci;

    @Option(names = "--from", paramLabel = "DIR", description = "With --ci: the collected run ('wtcraft ledger collect --export DIR').")
    java.nio.file.Path from;

    @Override
    int execute() {
        Landing.Strategy how = switch (strategy.toLowerCase(Locale.ROOT)) {
            case "merge" -> Landing.Strategy.MERGE;
            case "squash" -> Landing.Strategy.SQUASH;
            case "rebase" -> Landing.Strategy.REBASE;
            default -> throw WtcraftException.fatal("unknown --strategy '" + strategy + "': use merge, squash or rebase");
        };
        FinishService.Options options = new FinishService.Options(how, keep, dryRun, into);
        RepoLayout layout = layout();
        List<FinishService.Outcome> outcomes;
        String runId = null;
        List<String> pushed = List.of();
        if (ci || from != null) {
            if (!ci || !all || from == null || target != null) {
                throw WtcraftException.fatal("the landing job is 'finish --all --ci --from DIR' (DIR: the collected run), with no RUN");
            }
            var landed = dev.wtcraft.ci.CiLanding.land(layout, ctx.env(), ctx.cwd().resolve(from).normalize(), options,
                    stopAtFirst, o -> {
                        if (!json) {
                            ctx.out().println(o.line());
                        }
                    });
            runId = landed.runId();
            outcomes = landed.outcomes();
            pushed = landed.pushed();
            if (!json) {
                pushed.forEach(b -> ctx.out().println("pushed " + b + " to origin"));
            }
        } else if (all) {
            runId = new RunHistory(layout.root()).resolve(target == null ? "last" : target);
            outcomes = FinishService.finishAll(layout, runId, options, stopAtFirst, o -> {
                if (!json) {
                    ctx.out().println(o.line());
                }
            });
        } else {
            if (target == null) {
                throw WtcraftException.fatal("name the task's worktree (wtcraft finish <wt>), or use --all [RUN]");
            }
            FinishService.Outcome o = FinishService.finish(layout, WorktreeResolver.resolve(layout, ctx.cwd(), target),
                    options);
            if (!json) {
                ctx.out().println(o.line());
            }
            outcomes = List.of(o);
        }
        FinishService.Outcome last = outcomes.get(outcomes.size() - 1);
        FinishService.Outcome firstProblem = outcomes.stream().filter(o -> !o.result().ok()).findFirst().orElse(null);
        int code = firstProblem == null ? 0 : firstProblem.result().exitCode();
        List<String> skipped = outcomes.stream().filter(o -> !o.result().ok()).map(FinishService.Outcome::task).toList();
        if (json) {
            Map<String, Object> doc = Protocol.header("finish", true);
            doc.put("exit_code", code);
            doc.put("dry_run", dryRun);
            doc.put("strategy", how.wire());
            if (all) {
                doc.put("run_id", runId);
                doc.put("tasks", outcomes.stream().map(FinishService.Outcome::toDocument).toList());
                doc.put("skipped", skipped);
                doc.put("stopped_at", stopAtFirst && !last.result().ok() ? last.task() : null);
                if (ci) {
                    doc.put("pushed", pushed);
                }
            } else {
                doc.putAll(last.toDocument());
            }
            printJson(doc);
        } else if (all && stopAtFirst && !last.result().ok()) {
            ctx.err().println("wtcraft finish: stopped at " + last.task() + "; the tasks after it were not landed");
        } else if (all && !skipped.isEmpty()) {
            ctx.err().println("wtcraft finish: not landed: " + String.join(", ", skipped) + " (reasons above)");
        }
        return code;
    }
}
