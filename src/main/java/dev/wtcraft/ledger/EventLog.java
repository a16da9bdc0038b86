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
    private final Path file;
    private final OutputStream out;
    private long seq;

    public EventLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            this.out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized void append(String type, Map<String, ?> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("seq", ++seq);
        event.put("ts", Instant.now().toString());
        event.put("type", type);
        event.put("data", data);
        byte[] line = (JsonText.write(event) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** A stream whose every line becomes an event {type, data: {line, ...extra}}; the line is kept verbatim. */
    public OutputStream lines(String type, Map<String, ?> extra) {
        return new LineSplitter(line -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("line", line);
            data.putAll(extra);
            append(type, data);
        });
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
