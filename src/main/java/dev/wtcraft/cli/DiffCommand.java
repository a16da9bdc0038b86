package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.DiffRecord;
import dev.wtcraft.ledger.RunHistory;
import dev.wtcraft.ledger.RunRecord;
import dev.wtcraft.task.DiffService;
import dev.wtcraft.task.Protocol;
import dev.wtcraft.task.TaskWorktree;
import dev.wtcraft.task.WorktreeResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show a task's change against its base.",
                "From its worktree (uncommitted work included), or as a run's ledger recorded it (every task of the run, or the one named).",
                "Exit 0 shown, 1 fatal (no such task or run)."})
final class DiffCommand extends JsonCommand {
    @Parameters(index = "0", paramLabel = "TASK|RUN",
            description = "A task worktree (<type>/<name>, a branch, a path), or a run (an id, a unique prefix, or last).")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TASK", description = "One task of that run.")
    String task;

    @Option(names = "--stat", description = "Files with their added and deleted lines, violations marked; no patch.")
    boolean stat;

    @Override
    int execute() {
        RepoLayout layout = layout();
        TaskWorktree worktree = task == null ? worktree(layout) : null;
        if (worktree != null) {
            DiffService.Diff diff = DiffService.live(worktree);
            String name = worktree.entry().shortBranch();
            if (json) {
                Map<String, Object> header = Protocol.header("diff", true);
                header.put("source", "worktree");
                header.put("task", name);
                printJson(document(header, diff.record(), diff.patch()));
            } else {
                print(diff.record(), diff.patch());
            }
            return ExitCodes.OK;
        }
        RunHistory history = new RunHistory(layout.root());
        String id = run(history);
        RunRecord run = history.run(id);
        List<String> names = task != null ? List.of(task) : List.copyOf(run.tasks().keySet());
        List<Map<String, Object>> docs = new ArrayList<>();
        for (String name : names) {
            RunHistory.TaskFiles files = history.task(id, name);
            if (files.diff() == null) {
                if (task != null) {
                    throw WtcraftException.fatal("task '" + name + "' of run " + id + " recorded no diff (it did not get"
                            + " to its check, or an older wtcraft ran it)");
                }
                continue;
            }
            String patch = files.patch();
            if (json) {
                Map<String, Object> header = new LinkedHashMap<>();
                header.put("task", name);
                header.put("outcome", run.tasks().get(name).outcome().wire());
                docs.add(document(header, files.diff(), patch));
            } else {
                if (task == null) {
                    ctx.out().println("# " + name + " (" + run.tasks().get(name).outcome().wire() + "): "
                            + summary(files.diff()));
                }
                print(files.diff(), patch);
            }
        }
        if (json) {
            Map<String, Object> doc = Protocol.header("diff", true);
            doc.put("source", "ledger");
            doc.put("run_id", id);
            if (task != null) {
                doc.putAll(docs.get(0));
            } else {
                doc.put("tasks", docs);
            }
            printJson(doc);
        }
        return ExitCodes.OK;
    }

    /** The worktree {@code target} names, or null when it names none (then it may be a run). */
    private TaskWorktree worktree(RepoLayout layout) {
        return WorktreeResolver.find(layout, ctx.cwd(), target).orElse(null);
    }

    private String run(RunHistory history) {
        try {
            return history.resolve(target);
        } catch (WtcraftException e) {
            if (task != null) {
                throw e;
            }
            throw WtcraftException.fatal("no task or run '" + target + "': name a task's worktree (see 'wtcraft status')"
                    + " or a run (see 'wtcraft runs')");
        }
    }

    private Map<String, Object> document(Map<String, Object> header, DiffRecord record, String patch) {
        Map<String, Object> doc = new LinkedHashMap<>(header);
        doc.putAll(dev.wtcraft.ledger.LedgerCodec.fields(record));
        if (!stat) {
            doc.put("patch", patch);
        }
        return doc;
    }

    private void print(DiffRecord record, String patch) {
        if (stat) {
            stat(record, ctx.out());
        } else if (patch != null) {
            ctx.out().print(patch);
        }
    }

    /** One line per file (`+added -deleted`, binary, status, the violations), and the totals. */
    static void stat(DiffRecord d, PrintStream out) {
        int width = d.files().stream().mapToInt(f -> f.path().length()).max().orElse(0);
        for (DiffRecord.File f : d.files()) {
            String counts = f.binary() ? "binary" : "+" + f.additions() + " -" + f.deletions();
            out.printf(Locale.ROOT, " %-" + Math.max(1, width) + "s | %-12s %s%s%n", f.path(), counts,
                    f.status().name().toLowerCase(Locale.ROOT),
                    f.violation() ? "  VIOLATION: " + String.join(", ", f.violations()) : "");
        }
        out.println(" " + summary(d));
    }

    static String summary(DiffRecord d) {
        return d.filesChanged() + " file" + (d.filesChanged() == 1 ? "" : "s") + " changed, +" + d.additions() + " -"
                + d.deletions() + (d.violationCount() == 0 ? "" : ", " + d.violationCount() + " with violations")
                + (d.patchTruncated() ? " (patch cut at " + (d.patchLimit() / 1024) + " KiB)" : "");
    }
}
