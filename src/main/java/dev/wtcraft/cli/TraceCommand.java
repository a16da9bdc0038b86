package dev.wtcraft.cli;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.ledger.RunHistory;
import dev.wtcraft.task.Protocol;
import dev.wtcraft.trace.TraceExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;

/** Thin on purpose: picocli makes every command at start-up, so no OpenTelemetry type may appear here. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Export a run's ledger as OpenTelemetry traces to an OTLP/HTTP endpoint.",
                "The run is an invoke_workflow span, each task attempt an invoke_agent span (GenAI conventions) with the engine, check, verification steps and review under it; the ids are those the run handed each engine in TRACEPARENT.",
                "Set " + TraceExport.ENDPOINT_VARIABLE + " to export every run when it ends.",
                "Exit 0 exported, 1 fatal (no such run, a bad URL, the endpoint unreachable or refusing)."})
final class TraceCommand extends JsonCommand {
    @Parameters(arity = "0..1", paramLabel = "RUN", description = "The run: an id, a unique prefix, or last (default).")
    String run;

    @Option(names = "--otlp", paramLabel = "URL",
            description = "The OTLP/HTTP endpoint: a collector's base URL (http://localhost:4318) or its traces URL (default: $" + TraceExport.ENDPOINT_VARIABLE + ").")
    String otlp;

    @Option(names = "--ledger", paramLabel = "DIR",
            description = "Export the run ledger in DIR (a run collected from CI) instead of one of this repository's runs.")
    Path ledger;

    @Override
    int execute() {
        String endpoint = otlp != null ? otlp : ctx.env().get(TraceExport.ENDPOINT_VARIABLE);
        if (endpoint == null || endpoint.isBlank()) {
            throw WtcraftException.fatal("give the endpoint: --otlp URL (or set " + TraceExport.ENDPOINT_VARIABLE + ")");
        }
        Path dir;
        if (ledger != null) {
            if (run != null) {
                throw WtcraftException.fatal("give either RUN or --ledger DIR, not both");
            }
            dir = ctx.cwd().resolve(ledger).normalize();
        } else {
            RunHistory history = new RunHistory(layout().root());
            dir = history.dir(history.resolve(run == null ? "last" : run));
        }
        TraceExport.Exported sent = TraceExport.export(dir, endpoint, Version.current());
        if (json) {
            Map<String, Object> doc = Protocol.header("trace", true);
            doc.put("run_id", sent.runId());
            doc.put("trace_id", sent.traceId());
            doc.put("spans", sent.spans());
            doc.put("endpoint", sent.endpoint());
            printJson(doc);
        } else {
            ctx.out().println("exported run " + sent.runId() + " as trace " + sent.traceId() + " (" + sent.spans()
                    + " spans) to " + sent.endpoint());
        }
        return 0;
    }
}
