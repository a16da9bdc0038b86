package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.io.ByteSize;
import dev.wtcraft.process.DiskUsage;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.RunHistory;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List the recorded runs, oldest first, with what each ledger takes on disk.",
                "A run whose run.json is damaged is listed as such."})
final class RunsCommand extends JsonCommand {

    @Override
    int execute() {
        List<RunHistory.Listed> runs = new RunHistory(layout().root()).list();
        Map<java.nio.file.Path, Long> sizes = DiskUsage.of(runs.stream().map(RunHistory.Listed::dir).toList());
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
                doc.put("size_bytes", sizes.get(r.dir()));
                docs.add(doc);
            }
            printJson(docs);
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            ctx.out().println("no runs yet (start one with 'wtcraft run')");
            return ExitCodes.OK;
        }
        String format = "%-24s %-22s %-20s %-9s %s%n";
        ctx.out().printf(Locale.ROOT, format, "RUN", "STARTED", "RECIPE", "SIZE", "TASKS");
        for (RunHistory.Listed r : runs) {
            String size = ByteSize.format(sizes.get(r.dir()));
            if (r.damaged()) {
                ctx.out().printf(Locale.ROOT, format, r.runId(), "-", "-", size, "DAMAGED: " + r.damage());
                continue;
            }
            String started = String.valueOf(r.run().startedAt());
            ctx.out().printf(Locale.ROOT, format, r.runId(), started.length() > 19 ? started.substring(0, 19) + "Z" : started,
                    r.run().recipe(), size, ShowCommand.outcomeCounts(r.run()));
        }
        ctx.out().println(runs.size() + (runs.size() == 1 ? " run, " : " runs, ")
                + ByteSize.format(sizes.values().stream().mapToLong(Long::longValue).sum())
                + " of ledgers ('wtcraft clean --keep N' keeps the N newest)");
        return ExitCodes.OK;
    }
}
