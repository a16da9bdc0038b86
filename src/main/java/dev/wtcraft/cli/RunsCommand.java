package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.ledger.RunHistory;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the recorded runs, oldest first.")
final class RunsCommand extends JsonCommand {

    @Override
    int execute() {
        RunHistory history = new RunHistory(layout().root());
        List<Map<String, Object>> runs = new ArrayList<>();
        history.runIds().forEach(id -> runs.add(history.run(id)));
        if (json) {
            printJson(runs);
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            ctx.out().println("no runs yet (start one with 'wtcraft run')");
            return ExitCodes.OK;
        }
        String format = "%-24s %-22s %-20s %s%n";
        ctx.out().printf(Locale.ROOT, format, "RUN", "STARTED", "RECIPE", "TASKS");
        for (Map<String, Object> run : runs) {
            String started = String.valueOf(run.get("started_at"));
            ctx.out().printf(Locale.ROOT, format, run.get("run_id"), started.length() > 19 ? started.substring(0, 19) + "Z" : started, run.get("recipe"),
                    ShowCommand.outcomeCounts(run));
        }
        return ExitCodes.OK;
    }
}
