package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.RunHistory;
import dev.wtcraft.ledger.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a recorded run, or one task of it.")
final class ShowCommand extends JsonCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run id, a unique prefix of one, or 'last'.")
    String run;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TASK", description = "A task of that run.")
    String task;

    @Option(names = "--diff", description = "With TASK: its recorded patch too (diff.patch), not only the diff stat.")
    boolean diff;

    @Override
    int execute() {
        RunHistory history = new RunHistory(layout().root());
        String id = history.resolve(run);
        if (task != null) {
            RunHistory.TaskFiles files = history.task(id, task);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("task", files.task());
                doc.put("ledger", files.dir().toString());
                doc.put("meta", files.meta() == null ? null : LedgerCodec.fields(files.meta()));
                doc.put("check", files.check() == null ? null : LedgerCodec.fields(files.check()));
                doc.put("diff", files.diff() == null ? null : LedgerCodec.fields(files.diff()));
                if (diff) {
                    doc.put("patch", files.patch());
                }
                doc.put("verify", files.verify() == null ? null : LedgerCodec.fields(files.verify()));
                doc.put("usage", files.usage() == null ? null : LedgerCodec.fields(files.usage()));
                doc.put("files", files.files());
                printJson(doc);
            } else {
                ctx.out().print(history.summary(id, task));
                ctx.out().println();
                if (files.diff() == null) {
                    ctx.out().println("diff: none recorded");
                } else {
                    ctx.out().println("diff against " + files.diff().base() + ":");
                    DiffCommand.stat(files.diff(), ctx.out());
                    if (diff && files.patch() != null) {
                        ctx.out().println();
                        ctx.out().print(files.patch());
                    }
                }
                ctx.out().println("ledger: " + files.dir() + " (" + String.join(", ", files.files()) + ")");
            }
            return ExitCodes.OK;
        }
        RunRecord doc = history.run(id);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>(LedgerCodec.fields(doc));
            out.put("ledger", history.dir(id).toString());
            printJson(out);
            return ExitCodes.OK;
        }
        var out = ctx.out();
        out.println("run " + id + " of " + doc.recipe() + ", started " + doc.startedAt()
                + (doc.finishedAt() == null ? " (not finished)" : ", finished " + doc.finishedAt()));
        out.println("base commit " + doc.baseCommit() + ", exit code " + doc.exitCode());
        doc.tasks().forEach((name, t) -> out.printf(Locale.ROOT, "  %-28s %-16s %s%n", name, t.outcome().wire(),
                t.reason() == null ? "" : t.reason()));
        out.println("ledger: " + history.dir(id));
        return ExitCodes.OK;
    }

    static String outcomeCounts(RunRecord run) {
        Map<String, Integer> counts = new TreeMap<>();
        run.tasks().values().forEach(t -> counts.merge(t.outcome().wire(), 1, Integer::sum));
        StringBuilder out = new StringBuilder();
        counts.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
        return out.toString();
    }
}
