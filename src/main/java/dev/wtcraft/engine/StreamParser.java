package dev.wtcraft.engine;

import dev.wtcraft.io.JsonText;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one agent CLI's headless stream, line by line, into normalized events and a summary. Objects are read
 * by field, never by key order or line prefix; a line that is not a JSON object, or whose type is unknown, is
 * counted and comes back as a single `raw` event, and never stops the run.
 */
public abstract class StreamParser {
    protected final StreamSummary summary = new StreamSummary();
    /** Tool calls that write a file, by call id, until their result says whether the write happened. */
    private final Map<String, AgentEvent> pendingWrites = new HashMap<>();
    /** Tools that finished (their result is back), so the agent goes on to its next model request. */
    int toolResults;
    /** The last line {@link #parse} read, as parsed (null when it was not JSON). */
    private Object lastParsed;

    /** The last line {@link #parse} read, as parsed: maps, lists and the strings the events were taken from. */
    Object lastParsed() {
        return lastParsed;
    }

    public StreamSummary summary() {
        return summary;
    }

    /** The events one line stands for; empty for a known line that carries nothing new (turn.started). */
    public final List<AgentEvent> parse(String line) {
        lastParsed = null;
        if (line.isBlank()) {
            return List.of();
        }
        Object parsed;
        try {
            parsed = JsonText.parse(line);
            lastParsed = parsed;
        } catch (IOException | RuntimeException e) {
            return raw("not JSON");
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return raw("not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        List<AgentEvent> events = object.get("type") instanceof String type ? read(type, object) : null;
        return events == null ? raw("unknown type " + object.get("type")) : events;
    }

    /** The events of a parsed object of this type, or null when the type is not one this parser knows. */
    protected abstract List<AgentEvent> read(String type, Map<String, Object> object);

    /**
     * A line of the session file the CLI appends to while it runs (Codex's rollout, Gemini's chat record): the
     * usage reports and errors it holds that the stream does not carry. Anything else there is not the stream's
     * and is not kept.
     */
    public final List<AgentEvent> sessionLine(String line) {
        if (line.isBlank()) {
            return List.of();
        }
        try {
            return JsonText.parse(line) instanceof Map<?, ?> m ? readSession(obj(m)) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    protected List<AgentEvent> readSession(Map<String, Object> object) {
        return List.of();
    }

    /** A line of the CLI's stderr: retries and refusals some CLIs print only there. */
    public List<AgentEvent> stderrLine(String line) {
        return List.of();
    }

    /** A usage event for one response's counts, or null when the report says nothing new. */
    protected AgentEvent usage(String id, String model, long input, long cached, long cacheWrite, long output,
                               long reasoning) {
        if (!summary.usage.report(id, model, input, cached, cacheWrite, output, reasoning)) {
            return null;
        }
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("response_id", id);
        d.putAll(Usage.counts(input, cached, cacheWrite, output, reasoning));
        d.put("run_total_tokens", summary.usage.totalTokens());
        return new AgentEvent("usage", d);
    }

    /** A permission.denied event, or null when this call's denial was recorded already (Claude reports it twice). */
    protected AgentEvent denied(String id, String tool, String target, Object detail) {
        String key = id != null ? id : tool + " " + target;
        if (summary.denials.containsKey(key)) {
            return null;
        }
        summary.denials.put(key, tool + (target == null || target.isEmpty() ? "" : " " + target));
        return AgentEvent.of("permission.denied", "tool", tool, "id", id, "target", target, "detail", detail);
    }

    /** A retry of a failing API request, as the CLI announced it. */
    protected AgentEvent retry(int attempt, Integer max, Integer status, Long delayMillis, String error) {
        summary.retries = Math.max(summary.retries, attempt);
        if (status != null) {
            summary.retryStatus = status;
        }
        return AgentEvent.of("retry", "attempt", attempt, "max_retries", max, "status", status,
                "delay_ms", delayMillis, "error", error);
    }

    /** A call that would write a file: a file.change once its result says it succeeded, never before. */
    protected void pendingWrite(String callId, String path, String kind) {
        if (callId != null && path != null) {
            pendingWrites.put(callId, AgentEvent.of("file.change", "path", path, "kind", kind, "tool_id", callId));
        }
    }

    /** The file.change a finished call stands for, or null (not a write, or the tool failed or was refused). */
    protected AgentEvent writeDone(String callId, boolean succeeded) {
        toolResults++;
        AgentEvent change = callId == null ? null : pendingWrites.remove(callId);
        return succeeded ? change : null;
    }

    /** Appends the non-null events. */
    protected static List<AgentEvent> events(AgentEvent... events) {
        List<AgentEvent> out = new java.util.ArrayList<>();
        for (AgentEvent e : events) {
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** An HTTP status named in an error text ("last status: 429", "API Error: 529", "status 500"), or null. */
    static Integer statusIn(String text) {
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?i)(?:status(?: code)?:?|api error:?|http)\\s*\"?(\\d{3})\\b").matcher(text);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private List<AgentEvent> raw(String why) {
        summary.unparsedLines++;
        return List.of(AgentEvent.of("raw", "reason", why));
    }

    protected static String str(Object o) {
        return o == null ? null : o.toString();
    }

    protected static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0L;
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> obj(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    protected static List<Object> list(Object o) {
        return o instanceof List<?> l ? List.copyOf(l.stream().map(x -> (Object) x).toList()) : List.of();
    }

    /** Long tool outputs are cut in the normalized event; the raw line keeps them whole. */
    protected static String clip(Object text) {
        String s = str(text);
        if (s == null || s.length() <= 4096) {
            return s;
        }
        return s.substring(0, 4096) + "... (" + (s.length() - 4096) + " more characters in the raw line)";
    }
}
