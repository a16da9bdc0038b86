package dev.wtcraft.trace;

import dev.wtcraft.WtcraftException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports one run's ledger as OTLP traces. This class names no OpenTelemetry type: the SDK is loaded only once
 * {@link #export} sends (see {@link OtlpSender}), so commands that never export never load it.
 */
public final class TraceExport {
    /** The variable that names an OTLP/HTTP endpoint to export every run to when it ends. */
    public static final String ENDPOINT_VARIABLE = "WTCRAFT_OTLP_ENDPOINT";

    private TraceExport() {
    }

    /** What was sent. */
    public record Exported(String runId, String traceId, int spans, String endpoint) {
    }

    /**
     * Sends the run whose ledger is {@code ledger} (holding run.json) to {@code endpoint}: the collector's base URL
     * ({@code http://host:4318}, to which {@code /v1/traces} is added) or its traces URL.
     */
    public static Exported export(Path ledger, String endpoint, String version) {
        if (!Files.isRegularFile(ledger.resolve("run.json"))) {
            throw WtcraftException.fatal("no run.json in " + ledger + ": not a run's ledger");
        }
        String url = tracesUrl(endpoint);
        LedgerSpans.Trace trace = LedgerSpans.read(ledger);
        OtlpSender.send(url, trace.traceId(), trace.spans(), version);
        return new Exported(trace.runId(), trace.traceId(), trace.spans().size(), url);
    }

    /** The OTLP/HTTP traces URL for an endpoint given as the collector's base URL or as its traces URL. */
    static String tracesUrl(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint.trim());
        } catch (IllegalArgumentException e) {
            throw WtcraftException.fatal("not an OTLP endpoint URL: '" + endpoint + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw WtcraftException.fatal("not an OTLP/HTTP endpoint URL (http:// or https://): '" + endpoint + "'");
        }
        String s = uri.toString();
        if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")) {
            return s.replaceAll("/$", "") + "/v1/traces";
        }
        return s;
    }
}
