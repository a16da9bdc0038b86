package dev.wtcraft.engine;

import dev.wtcraft.model.Durations;

import java.time.Duration;
import java.util.List;

/** Turns how a CLI exited, and what its stream said, into an outcome and one line of reason. */
public final class Classifier {
    private Classifier() {
    }

    /** The outcome and the reason people read. */
    public record Verdict(EngineOutcome outcome, String reason) {
    }

    public static Verdict classify(StreamSummary s, int exitCode, boolean timedOut, boolean interrupted,
                                   Duration duration, List<String> lastStderr) {
        if (timedOut) {
            return new Verdict(EngineOutcome.TIMED_OUT, "timed out after " + Durations.format(duration.withNanos(0))
                    + "; its process group was killed");
        }
        if (interrupted) {
            return new Verdict(EngineOutcome.INTERRUPTED, "interrupted; its process group was killed");
        }
        if (s != null && s.budget()) {
            return new Verdict(EngineOutcome.BUDGET, "stopped at its own budget limit"
                    + (s.errorMessage() == null ? "" : ": " + oneLine(s.errorMessage())));
        }
        if (s != null && s.maxTurns()) {
            return new Verdict(EngineOutcome.MAX_TURNS, "stopped at its turn limit"
                    + (s.errorMessage() == null ? "" : ": " + s.errorMessage()));
        }
        if (s != null && (s.apiError() || exitCode != 0 && !s.finished() && s.retries() > 0)) {
            Integer http = s.apiErrorStatus() != null ? s.apiErrorStatus()
                    : s.exitIsHttpStatus() && exitCode > 0 && exitCode + 256 < 600 ? Integer.valueOf(exitCode + 256)
                    : s.retryStatus();
            String status = http != null ? "HTTP " + http + ", " : "";
            String retried = s.retries() > 0 ? ", after " + s.retries() + (s.retries() == 1 ? " retry" : " retries") : "";
            return new Verdict(EngineOutcome.API_ERROR, "API error (" + status + "exit " + exitCode + retried + ")"
                    + (s.errorMessage() == null ? "" : ": " + oneLine(s.errorMessage())));
        }
        if (exitCode > 128 && exitCode <= 128 + 64 && (s == null || !s.finished())) {
            return new Verdict(EngineOutcome.KILLED, "killed by signal " + (exitCode - 128) + signalName(exitCode - 128));
        }
        if (exitCode != 0) {
            String why = s != null && s.errorMessage() != null ? ": " + oneLine(s.errorMessage())
                    : lastStderr.isEmpty() ? "" : ": " + oneLine(lastStderr.get(lastStderr.size() - 1));
            return new Verdict(EngineOutcome.FAILED, "exited " + exitCode + why);
        }
        if (s != null && !s.permissionDenials().isEmpty()) {
            return new Verdict(EngineOutcome.PERMISSION_DENIED, "finished, but was denied: "
                    + String.join(", ", s.permissionDenials()));
        }
        return new Verdict(EngineOutcome.SUCCEEDED, "exited 0");
    }

    /**
     * Why a command could not start, in words that never carry its arguments or environment (a failed start's
     * message can hold the whole command line, the prompt and every variable): the system's own reason only.
     */
    static String startFailure(Throwable e) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(0, t); // the innermost first: the system's own words, before any wrapper added the command line
        }
        for (Throwable t : chain) {
            String m = t.getMessage();
            int at = m == null ? -1 : m.lastIndexOf("error=");
            if (at >= 0) {
                String reason = m.substring(at);
                int end = reason.indexOf('\n');
                return end > 0 ? reason.substring(0, end) : reason.length() > 200 ? reason.substring(0, 200) : reason;
            }
        }
        return "it did not start (" + e.getClass().getSimpleName() + ")";
    }

    static String oneLine(String text) {
        String t = text.strip().replaceAll("\\s*\\n\\s*", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 9 -> " (SIGKILL)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}
