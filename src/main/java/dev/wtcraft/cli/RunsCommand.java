package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.RunHistory;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the recorded runs, oldest first; a run whose run.json is damaged is listed as such.")
final class RunsCommand extends JsonCommand {

    @Override
    int execute() {
        List<RunHistory.Listed> runs = new RunHistory(layout().root()).list();
        if (json) {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (RunHistory.Listed r : runs) {
                Map<String, Object> doc = new LinkedHashMap<>();
                if (r.damaged()) {
                    doc.put("run_id", r.runId());
                    doc.put("damaged", r.damage());
                } else {
                    doc.putAll(LedgerCodec.fields(r.run()));
                }
                doc.put("ledger", r.dir().toString());
                docs.add(doc);
            }
            printJson(docs);
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            ctx.out().println("no runs yet (start one with 'wtcraft run')");
            return ExitCodes.OK;
        }
        String format = "%-24s %-22s %-20s %s%n";
        ctx.out().printf(Locale.ROOT, format, "RUN", "STARTED", "RECIPE", "TASKS");
        for (RunHistory.Listed r : runs) {
            if (r.damaged()) {
                ctx.out().printf(Locale.ROOT, format, r.runId(), "-", "-", "DAMAGED: " + r.damage());
                continue;
            }
            String started = String.valueOf(r.run().startedAt());
            ctx.out().printf(Locale.ROOT, format, r.runId(), started.length() > 19 ? started.substring(0, 19) + "Z" : started,
                    r.run().recipe(), ShowCommand.outcomeCounts(r.run()));
        }
        return ExitCodes.OK;
    }
}
