package dev.wtcraft.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wtcraft.io.JsonText;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model server of our own on 127.0.0.1 that scripts one agent turn for the real CLIs: first a shell command,
 * then a file write (or patch), then a final message; or, with {@link #shellSteps}, as many shell commands as
 * asked before the final message. It speaks just enough of the OpenAI Responses API (SSE), the Anthropic Messages
 * API (SSE) and Gemini's streamGenerateContent (SSE). The step comes from the request itself (how many tool
 * results it carries), so a resumed session continues where it stopped. In failing mode it answers every model
 * request with an API error; {@link #httpError} answers with a bare HTTP status. It records every token count it
 * sent, once the response is out.
 */
public final class MockModelServer implements AutoCloseable {
    public static final String SHELL_COMMAND = "echo hello > hello.txt";
    public static final String WRITTEN_FILE = "hello_write.txt";
    public static final String FINAL_MESSAGE = "done";
    /** A request carrying wtcraft's review prompt is answered at once with this verdict. */
    public static final String REVIEW_MARKER = "You are reviewing another engine";
    public static final String REVIEW_MESSAGE = "The change matches the contract.\nVERDICT: APPROVE\n- hello.txt is in scope";
    /** Tokens of every model response: input, cached input, output. */
    public static final long INPUT = 1500;
    public static final long CACHED = 300;
    public static final long OUTPUT = 12;

    private final HttpServer server;
    private volatile boolean failing;
    private final ModelScript script = new ModelScript();
    private final AtomicInteger errors = new AtomicInteger();
    private volatile String workdir = "";
    private volatile ToolScript toolScript;
    private final AtomicInteger ids = new AtomicInteger();
    /** One entry per model response sent: [input, cached, output]. */
    public final List<long[]> sent = Collections.synchronizedList(new ArrayList<>());
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    /** The body of every model request, as received: what the CLI really sent (its settings, the prompt). */
    public final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    public MockModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mock-model");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every model request fails with an API error from now on. */
    public MockModelServer failing(boolean fail) {
        this.failing = fail;
        return this;
    }

    /**
     * Model requests are answered with this HTTP status (429, 500, ...) and a provider-shaped error body: every
     * one, or only the first {@code times} (then the script goes on). 0 turns it off.
     */
    public MockModelServer httpError(int status, int times) {
        script.httpError(status, times);
        return this;
    }

    public MockModelServer httpError(int status) {
        return httpError(status, -1);
    }

    /** The script becomes {@code n} runs of {@code command}, one per model response, then the final message. */
    public MockModelServer shellSteps(int n, String command) {
        script.shellSteps(n, command);
        return this;
    }

    /** The shell command of the first step (the default script's). */
    public MockModelServer shellCommand(String command) {
        script.shellCommand(command);
        return this;
    }

    /** Each model response waits this long before it is sent, as a real model takes time to answer. */
    public MockModelServer latency(java.time.Duration latency) {
        script.latency(latency);
        return this;
    }

    /**
     * Decides the agent's next tool call from the tool results it got so far (their text, oldest first): a map with
     * the tool's {@code name} and {@code input}, or null for the final message.
     */
    @FunctionalInterface
    public interface ToolScript {
        Map<String, Object> next(List<String> results);
    }

    /**
     * Claude's turn becomes this script's tool calls (any tool it was offered, MCP tools too) instead of the shell
     * steps. The first request that offers tools is the agent loop.
     */
    public MockModelServer toolScript(ToolScript script) {
        this.toolScript = script;
        return this;
    }

    /** Agent-loop model responses sent in full (the CLIs' side requests, Gemini's next-speaker checks, not counted). */
    public int served() {
        return sent.size();
    }

    /** Error responses sent. */
    public int errors() {
        return errors.get();
    }

    /** Where the agent works: Write and write_file need absolute paths. */
    public MockModelServer workdir(String dir) {
        this.workdir = dir;
        return this;
    }

    public long sentInput() {
        synchronized (sent) {
            return sent.stream().mapToLong(s -> s[0]).sum();
        }
    }

    public long sentOutput() {
        synchronized (sent) {
            return sent.stream().mapToLong(s -> s[2]).sum();
        }
    }

    public long sentCached() {
        synchronized (sent) {
            return sent.stream().mapToLong(s -> s[1]).sum();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " tools=" + toolNames(json(body)));
        if (path.endsWith("/responses") || path.endsWith("/messages") || path.contains("GenerateContent")) {
            bodies.add(body);
        }
        try {
            boolean model = path.endsWith("/responses") || path.endsWith("/messages") || path.contains("GenerateContent");
            int failure = "POST".equals(ex.getRequestMethod()) && model ? script.failure() : 0;
            if (failure != 0) {
                errors.incrementAndGet();
                script.pause();
                send(ex, failure, "application/json", ModelScript.errorBody(path, failure));
            } else if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 404, "application/json", "{\"error\":{\"message\":\"not found\"}}");
            } else if (path.endsWith("/responses")) {
                openai(ex, json(body), body.contains(REVIEW_MARKER));
            } else if (path.endsWith("/messages/count_tokens")) {
                send(ex, 200, "application/json", "{\"input_tokens\":" + INPUT + "}");
            } else if (path.endsWith("/messages")) {
                anthropic(ex, json(body), body.contains(REVIEW_MARKER));
            } else if (path.contains(":streamGenerateContent")) {
                gemini(ex, json(body), true, body.contains(REVIEW_MARKER));
            } else if (path.contains(":generateContent")) {
                gemini(ex, json(body), false, body.contains(REVIEW_MARKER));
            } else if (path.contains(":countTokens")) {
                send(ex, 200, "application/json", "{\"totalTokens\":" + INPUT + "}");
            } else {
                send(ex, 404, "application/json", "{\"error\":{\"message\":\"not found: " + path + "\"}}");
            }
        } catch (RuntimeException e) {
            send(ex, 500, "application/json", "{\"error\":{\"message\":\"mock: " + e + "\"}}");
        } finally {
            ex.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        try {
            Object o = JsonText.parse(body);
            return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** How many tool results a request carries, anywhere in it: that is the step of the turn. */
    private static int toolResults(Object node) {
        int n = 0;
        if (node instanceof Map<?, ?> m) {
            Object type = m.get("type");
            if ("function_call_output".equals(type) || "custom_tool_call_output".equals(type)
                    || "tool_result".equals(type) || m.containsKey("functionResponse")) {
                n++;
            }
            for (Object v : m.values()) {
                n += toolResults(v);
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                n += toolResults(v);
            }
        }
        return n;
    }

    /** The text of every tool result in the messages, oldest first. */
    private static List<String> resultTexts(Object messages) {
        List<String> out = new ArrayList<>();
        collectResults(messages, out);
        return out;
    }

    private static void collectResults(Object node, List<String> out) {
        if (node instanceof Map<?, ?> m) {
            if ("tool_result".equals(m.get("type"))) {
                StringBuilder text = new StringBuilder();
                if (m.get("content") instanceof String s) {
                    text.append(s);
                } else if (m.get("content") instanceof List<?> parts) {
                    for (Object part : parts) {
                        if (part instanceof Map<?, ?> pm && pm.get("text") instanceof String s) {
                            text.append(s);
                        }
                    }
                }
                out.add(text.toString());
                return;
            }
            m.values().forEach(v -> collectResults(v, out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectResults(v, out));
        }
    }

    private static List<String> toolNames(Map<String, Object> request) {
        List<String> names = new ArrayList<>();
        collectNames(request.get("tools"), names);
        return names;
    }

    private static void collectNames(Object node, List<String> names) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("name") instanceof String s) {
                names.add(s);
            }
            m.values().forEach(v -> collectNames(v, names));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectNames(v, names));
        }
    }

    private String id(String prefix) {
        return prefix + "_mock_" + ids.incrementAndGet();
    }

    // ---- OpenAI Responses API (codex)

    private void openai(HttpExchange ex, Map<String, Object> req, boolean review) throws IOException {
        if (failing) {
            send(ex, 400, "application/json", "{\"error\": {\"message\": \"mock: model overloaded (scripted failure)\", "
                    + "\"type\": \"invalid_request_error\", \"code\": \"mock_error\"}}");
            return;
        }
        int step = toolResults(req.get("input"));
        List<String> tools = toolNames(req);
        String resp = id("resp");
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(Map.of("type", "response.created", "response", Map.of("id", resp)));
        Map<String, Object> item;
        if (review) {
            item = Map.of("type", "message", "role", "assistant", "id", id("msg"),
                    "content", List.of(Map.of("type", "output_text", "text", REVIEW_MESSAGE)));
        } else if (script.shellAt(step) != null) {
            item = shellCall(tools, script.shellAt(step));
        } else if (script.writeAt(step)) {
            item = patchCall(tools);
        } else {
            item = Map.of("type", "message", "role", "assistant", "id", id("msg"),
                    "content", List.of(Map.of("type", "output_text", "text", FINAL_MESSAGE)));
        }
        events.add(Map.of("type", "response.output_item.done", "item", item));
        events.add(Map.of("type", "response.completed", "response", Map.of("id", resp, "usage", Map.of(
                "input_tokens", INPUT, "input_tokens_details", Map.of("cached_tokens", CACHED),
                "output_tokens", OUTPUT, "output_tokens_details", Map.of("reasoning_tokens", 0),
                "total_tokens", INPUT + OUTPUT))));
        StringBuilder sse = new StringBuilder();
        for (Map<String, Object> e : events) {
            sse.append("event: ").append(e.get("type")).append('\n').append("data: ").append(JsonText.write(e)).append("\n\n");
        }
        script.pause();
        send(ex, 200, "text/event-stream", sse.toString());
        sent.add(new long[] {INPUT, CACHED, OUTPUT});
    }

    private Map<String, Object> shellCall(List<String> tools, String command) {
        String call = id("call");
        if (tools.contains("shell_command")) {
            return fn("shell_command", call, Map.of("command", command));
        }
        if (tools.contains("exec_command")) {
            return fn("exec_command", call, Map.of("cmd", command));
        }
        return fn("shell", call, Map.of("command", List.of("bash", "-lc", command)));
    }

    private Map<String, Object> patchCall(List<String> tools) {
        String patch = "*** Begin Patch\n*** Add File: " + WRITTEN_FILE + "\n+hello\n*** End Patch\n";
        String call = id("call");
        if (tools.contains("apply_patch")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "custom_tool_call");
            m.put("id", id("ctc"));
            m.put("call_id", call);
            m.put("name", "apply_patch");
            m.put("input", patch);
            m.put("status", "completed");
            return m;
        }
        String write = "printf 'hello\\n' > " + WRITTEN_FILE;
        if (tools.contains("shell_command")) {
            return fn("shell_command", call, Map.of("command", write));
        }
        if (tools.contains("exec_command")) {
            return fn("exec_command", call, Map.of("cmd", write));
        }
        return fn("shell", call, Map.of("command", List.of("bash", "-lc", write)));
    }

    private Map<String, Object> fn(String name, String callId, Map<String, Object> args) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "function_call");
        m.put("id", id("fc"));
        m.put("call_id", callId);
        m.put("name", name);
        m.put("arguments", JsonText.write(args));
        m.put("status", "completed");
        return m;
    }

    // ---- Anthropic Messages API (claude)

    private void anthropic(HttpExchange ex, Map<String, Object> req, boolean review) throws IOException {
        if (failing) {
            send(ex, 529, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                    + "\"message\":\"mock: Overloaded (scripted failure)\"}}");
            return;
        }
        List<String> tools = toolNames(req);
        boolean mainLoop = tools.contains("Bash") || (review && !tools.isEmpty());
        int step = toolResults(req.get("messages"));
        String model = String.valueOf(req.getOrDefault("model", "claude-sonnet-4-5"));
        List<Map<String, Object>> blocks = new ArrayList<>();
        String stop = "tool_use";
        ToolScript scripted = toolScript;
        Map<String, Object> call = scripted != null && mainLoop ? scripted.next(resultTexts(req.get("messages"))) : null;
        if (scripted != null && mainLoop) {
            if (call != null) {
                blocks.add(Map.of("type", "tool_use", "id", id("toolu"), "name", call.get("name"), "input", call.get("input")));
            } else {
                blocks.add(Map.of("type", "text", "text", FINAL_MESSAGE));
                stop = "end_turn";
            }
        } else if (review && mainLoop) {
            blocks.add(Map.of("type", "text", "text", REVIEW_MESSAGE));
            stop = "end_turn";
        } else if (mainLoop && script.shellAt(step) != null) {
            blocks.add(Map.of("type", "tool_use", "id", id("toolu"), "name", "Bash",
                    "input", Map.of("command", script.shellAt(step), "description", "Run step " + step)));
        } else if (mainLoop && script.writeAt(step)) {
            blocks.add(Map.of("type", "tool_use", "id", id("toolu"), "name", "Write",
                    "input", Map.of("file_path", workdir + "/" + WRITTEN_FILE, "content", "hello\n")));
        } else {
            blocks.add(Map.of("type", "text", "text", mainLoop ? FINAL_MESSAGE : "ok"));
            stop = "end_turn";
        }
        String msgId = id("msg");
        Map<String, Object> usage = Map.of("input_tokens", INPUT, "cache_creation_input_tokens", 0,
                "cache_read_input_tokens", CACHED, "output_tokens", OUTPUT);
        if (!Boolean.TRUE.equals(req.get("stream"))) {
            send(ex, 200, "application/json", JsonText.write(Map.of("id", msgId, "type", "message", "role", "assistant",
                    "model", model, "content", blocks, "stop_reason", stop, "stop_sequence", "", "usage", usage)));
            sent.add(new long[] {INPUT, CACHED, OUTPUT});
            return;
        }
        StringBuilder sse = new StringBuilder();
        Map<String, Object> start = new LinkedHashMap<>(Map.of("id", msgId, "type", "message", "role", "assistant",
                "model", model, "content", List.of(), "usage", Map.of("input_tokens", INPUT,
                        "cache_creation_input_tokens", 0, "cache_read_input_tokens", CACHED, "output_tokens", 1)));
        start.put("stop_reason", null);
        start.put("stop_sequence", null);
        event(sse, "message_start", Map.of("type", "message_start", "message", start));
        for (int i = 0; i < blocks.size(); i++) {
            Map<String, Object> b = blocks.get(i);
            if ("text".equals(b.get("type"))) {
                event(sse, "content_block_start", Map.of("type", "content_block_start", "index", i,
                        "content_block", Map.of("type", "text", "text", "")));
                event(sse, "content_block_delta", Map.of("type", "content_block_delta", "index", i,
                        "delta", Map.of("type", "text_delta", "text", b.get("text"))));
            } else {
                event(sse, "content_block_start", Map.of("type", "content_block_start", "index", i, "content_block",
                        Map.of("type", "tool_use", "id", b.get("id"), "name", b.get("name"), "input", Map.of())));
                event(sse, "content_block_delta", Map.of("type", "content_block_delta", "index", i,
                        "delta", Map.of("type", "input_json_delta", "partial_json", JsonText.write(b.get("input")))));
            }
            event(sse, "content_block_stop", Map.of("type", "content_block_stop", "index", i));
        }
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("stop_reason", stop);
        delta.put("stop_sequence", null);
        event(sse, "message_delta", Map.of("type", "message_delta", "delta", delta, "usage", Map.of("output_tokens", OUTPUT)));
        event(sse, "message_stop", Map.of("type", "message_stop"));
        if (mainLoop) {
            script.pause();
        }
        send(ex, 200, "text/event-stream", sse.toString());
        sent.add(new long[] {INPUT, CACHED, OUTPUT});
    }

    private static void event(StringBuilder sse, String name, Map<String, Object> data) {
        sse.append("event: ").append(name).append('\n').append("data: ").append(JsonText.write(data)).append("\n\n");
    }

    // ---- Gemini streamGenerateContent (gemini)

    private void gemini(HttpExchange ex, Map<String, Object> req, boolean stream, boolean review) throws IOException {
        if (failing) {
            send(ex, 400, "application/json", "{\"error\":{\"code\":400,\"message\":\"mock: scripted failure\","
                    + "\"status\":\"INVALID_ARGUMENT\"}}");
            return;
        }
        List<String> tools = toolNames(req);
        boolean mainLoop = tools.contains("run_shell_command") || (review && !tools.isEmpty());
        int step = toolResults(req.get("contents"));
        Map<String, Object> part;
        if (review && mainLoop) {
            part = Map.of("text", REVIEW_MESSAGE);
        } else if (!mainLoop) {
            part = Map.of("text", "{\"next_speaker\": \"user\", \"reasoning\": \"done\"}");
        } else if (script.shellAt(step) != null) {
            part = Map.of("functionCall", Map.of("name", "run_shell_command",
                    "args", Map.of("command", script.shellAt(step), "description", "Run step " + step)));
        } else if (script.writeAt(step)) {
            part = Map.of("functionCall", Map.of("name", "write_file",
                    "args", Map.of("file_path", workdir + "/" + WRITTEN_FILE, "content", "hello\n")));
        } else {
            part = Map.of("text", FINAL_MESSAGE);
        }
        Map<String, Object> chunk = Map.of("candidates", List.of(Map.of("content",
                        Map.of("role", "model", "parts", List.of(part)), "finishReason", "STOP", "index", 0)),
                "usageMetadata", Map.of("promptTokenCount", mainLoop ? INPUT : 0, "candidatesTokenCount",
                        mainLoop ? OUTPUT : 0, "totalTokenCount", mainLoop ? INPUT + OUTPUT : 0));
        if (mainLoop) {
            script.pause();
        }
        if (stream) {
            send(ex, 200, "text/event-stream", "data: " + JsonText.write(chunk) + "\r\n\r\n");
        } else {
            send(ex, 200, "application/json", JsonText.write(chunk));
        }
        if (mainLoop) {
            sent.add(new long[] {INPUT, 0, OUTPUT});
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** For trying a CLI by hand: prints the URL and serves until killed. */
    public static void main(String[] args) throws Exception {
        try (MockModelServer s = new MockModelServer()) {
            if (args.length > 0) {
                s.workdir(args[0]);
            }
            for (int i = 1; i < args.length; i++) {
                String[] kv = args[i].split("=", 2);
                switch (kv[0]) {
                    case "fail" -> s.failing(true);
                    case "http" -> s.httpError(Integer.parseInt(kv[1]));
                    case "steps" -> s.shellSteps(Integer.parseInt(kv[1].split(":", 2)[0]), kv[1].split(":", 2)[1]);
                    case "shell" -> s.shellCommand(kv[1]);
                    case "latency" -> s.latency(java.time.Duration.ofMillis(Long.parseLong(kv[1])));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            System.out.println(s.url());
            System.out.flush();
            while (true) {
                Thread.sleep(500);
                synchronized (s.requests) {
                    for (String r : s.requests) {
                        System.err.println(r);
                    }
                    s.requests.clear();
                }
                synchronized (s.bodies) {
                    for (String b : s.bodies) {
                        System.err.println("BODY " + (b.length() > 20000 ? b.substring(0, 20000) : b));
                    }
                    s.bodies.clear();
                }
            }
        }
    }
}
