package dev.wtcraft.ledger;

import dev.wtcraft.io.JsonText;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * `events.jsonl`: one JSON object per line ({seq, ts, type, data}), appended and flushed line by line, so a
 * crash leaves every earlier line intact. Safe to call from the threads that pump an engine's two streams.
 */
public final class EventLog implements AutoCloseable {
    private static final java.util.regex.Pattern SEQ = java.util.regex.Pattern.compile("^\\{\"seq\":(\\d+),");

    private final Path file;
    private final OutputStream out;
    private long seq;
    private java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(8192);

    public EventLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            this.seq = lastSeq(file);
            this.out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** The seq of the last complete line of an existing log (read from its tail only), so numbering continues. */
    static long lastSeq(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return 0;
        }
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            long size = ch.size();
            int len = (int) Math.min(size, 1 << 21);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(len);
            ch.read(buf, size - len);
            String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            String[] lines = tail.split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                java.util.regex.Matcher m = SEQ.matcher(lines[i]);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
            return 0;
        }
    }

    public Path file() {
        return file;
    }

    public void append(String type, Map<String, ?> data) {
        appendRedacted(type, Redaction.deep(data));
    }

    /** Appends data whose strings are redacted already (each line of a stream is redacted once, not twice). */
    private synchronized void appendRedacted(String type, Object data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("seq", ++seq);
        event.put("ts", Instant.now().toString());
        event.put("type", type);
        event.put("data", data);
        buffer.reset();
        try {
            JsonText.write(event, buffer);
            buffer.write('\n');
            // one write per line: the line reaches the file before the next one starts, so a crash cuts no line
            buffer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
        if (buffer.size() > 1 << 20) {
            buffer = new java.io.ByteArrayOutputStream(8192);
        }
    }

    /** A stream whose every line becomes an event {type, data: {line, ...extra}}; the line is kept verbatim, redacted. */
    public OutputStream lines(String type, Map<String, ?> extra) {
        return lines(type, extra, line -> { });
    }

    /** The same, also handing each line to a tap (to keep the last lines of stderr, say). */
    public OutputStream lines(String type, Map<String, ?> extra, java.util.function.Consumer<String> tap) {
        Redaction.Lines keys = new Redaction.Lines();
        Map<String, Object> cleanExtra = new LinkedHashMap<>();
        extra.forEach((k, v) -> cleanExtra.put(k, Redaction.deep(v)));
        return lineStream(raw -> {
            String line = Redaction.apply(keys.apply(raw));
            tap.accept(line);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("line", line);
            data.putAll(cleanExtra);
            appendRedacted(type, data);
        });
    }

    /** A stream split into lines (decoded as UTF-8, never longer than 1 MiB) that the caller turns into events. */
    public static OutputStream lineStream(java.util.function.Consumer<String> onLine) {
        return new LineSplitter(onLine);
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
