package dev.wtcraft.trace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A run's trace and span ids, derived from the run id alone: the engine is handed its task span's context while it
 * runs, and the exporter, reading only the ledger later (on another machine too), builds the spans with the same ids.
 * Needs no OpenTelemetry class.
 */
public final class TraceIds {
    private TraceIds() {
    }

    /** 32 hex digits: the run's trace. */
    public static String traceId(String runId) {
        return hex(16, "trace", runId);
    }

    /** 16 hex digits: the run's own (root) span. */
    public static String runSpanId(String runId) {
        return hex(8, "run", runId);
    }

    /** 16 hex digits: one attempt of one task. */
    public static String attemptSpanId(String runId, String task, int attempt) {
        return hex(8, "attempt", runId, task, Integer.toString(attempt));
    }

    /** 16 hex digits: a step of one attempt (the engine, the check, a verification step, the review). */
    public static String stepSpanId(String runId, String task, int attempt, String step) {
        return hex(8, "step", runId, task, Integer.toString(attempt), step);
    }

    /** The W3C {@code traceparent} of a task attempt's span, as its engine gets it in {@code TRACEPARENT}. */
    public static String traceparent(String runId, String task, int attempt) {
        return "00-" + traceId(runId) + "-" + attemptSpanId(runId, task, attempt) + "-01";
    }

    private static String hex(int bytes, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("wtcraft-otel".getBytes(StandardCharsets.UTF_8));
            for (String p : parts) {
                sha.update((byte) 0);
                sha.update(p.getBytes(StandardCharsets.UTF_8));
            }
            byte[] digest = sha.digest();
            byte[] id = java.util.Arrays.copyOf(digest, bytes);
            if (java.util.Arrays.equals(id, new byte[bytes])) {
                id[bytes - 1] = 1;                        // an all-zero id is invalid in W3C trace context
            }
            return HexFormat.of().formatHex(id);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
