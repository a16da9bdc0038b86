package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.ledger.RunHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a recorded run, or one task of it.")
final class ShowCommand extends JsonCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run id, a unique prefix of one, or 'last'.")
    String run;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TASK", description = "A task of that run.")
    String task;

    @Override
    int execute() {
        RunHistory history = new RunHistory(layout().root());
        String id = history.resolve(run);
        if (task != null) {
            Map<String, Object> doc = history.task(id, task);
            if (json) {
                printJson(doc);
            } else {
                ctx.out().print(history.summary(id, task));
                ctx.out().println();
                ctx.out().println("ledger: " + doc.get("ledger") + " (" + String.join(", ", (java.util.List<String>) doc.get("files")) + ")");
            }
            return ExitCodes.OK;
        }
        Map<String, Object> doc = history.run(id);
        if (json) {
            printJson(doc);
            return ExitCodes.OK;
        }
        var out = ctx.out();
        out.println("run " + id + " of " + doc.get("recipe") + ", started " + doc.get("started_at")
                + (doc.get("finished_at") == null ? " (not finished)" : ", finished " + doc.get("finished_at")));
        out.println("base commit " + doc.get("base_commit") + ", exit code " + doc.get("exit_code"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tasks = (Map<String, Map<String, Object>>) doc.get("tasks");
        for (var e : tasks.entrySet()) {
            Object reason = e.getValue().get("reason");
            out.printf(Locale.ROOT, "  %-28s %-16s %s%n", e.getKey(), e.getValue().get("outcome"),
                    reason == null ? "" : reason);
        }
        out.println("ledger: " + doc.get("ledger"));
        return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    static String outcomeCounts(Map<String, Object> run) {
        Map<String, Integer> counts = new TreeMap<>();
        ((Map<String, Map<String, Object>>) run.get("tasks")).values()
                .forEach(t -> counts.merge(String.valueOf(t.get("outcome")), 1, Integer::sum));
        StringBuilder out = new StringBuilder();
        counts.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
        return out.toString();
    }
}
