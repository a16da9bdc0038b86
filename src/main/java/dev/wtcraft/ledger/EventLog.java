package dev.wtcraft.ledger;

import dev.wtcraft.io.JsonText;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** Lines not yet written: whole lines only, written when a batch ends or grows past {@link #BATCH}. */
    private final Buffer buffer = new Buffer();
    private int batches;
    private static final int BATCH = 1 << 16;

    /** A byte buffer that can be cut back to a line's start when that line could not be written. */
    private static final class Buffer extends java.io.ByteArrayOutputStream {
        Buffer() {
            super(1 << 17);
        }

        void setLength(int length) {
            count = length;
        }

        @Override
        public void reset() {
            super.reset();
            if (buf.length > 1 << 21) {
                buf = new byte[1 << 17]; // one huge line does not keep its buffer
            }
        }
    }

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
        appendClean(type, Redaction.deep(data), Map.of());
    }

    /**
     * Appends data whose strings are redacted already (a stream's line is redacted once, not twice), and the fields
     * it holds by reference: field name to a JSON pointer into its {@code raw} line (see {@link Event}).
     */
    public synchronized void appendClean(String type, Object data, Map<String, String> refs) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("seq", ++seq);
        event.put("ts", Timestamps.now());
        event.put("type", type);
        event.put("data", data);
        if (!refs.isEmpty()) {
            event.put("refs", refs);
        }
        int start = buffer.size();
        try {
            JsonText.write(event, buffer);
            buffer.write('\n');
        } catch (IOException e) {
            buffer.setLength(start);
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
        if (batches == 0 || buffer.size() >= BATCH) {
            flush();
        }
    }

    /**
     * Runs {@code work} with its appends (and those of other threads meanwhile) written together when it ends, in
     * one write of whole lines: a stream's pump hands over what one read brought, so a crash still cuts no line,
     * and loses at most the lines of the read it was in.
     */
    public void batch(Runnable work) {
        synchronized (this) {
            batches++;
        }
        try {
            work.run();
        } finally {
            synchronized (this) {
                if (--batches == 0) {
                    flush();
                }
            }
        }
    }

    private void flush() {
        if (buffer.size() == 0) {
            return;
        }
        try {
            // only whole lines go out, each write after the last one returned: a crash cuts no line
            buffer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        } finally {
            buffer.reset();
        }
    }

    /** A stream whose every line becomes an event {type, data: {line, ...extra}}; the line is kept verbatim, redacted. */
    public OutputStream lines(String type, Map<String, ?> extra) {
        return lines(type, extra, line -> { });
    }

    /** The same, also handing each line to a tap (to keep the last lines of stderr, say). */
    public OutputStream lines(String type, Map<String, ?> extra, java.util.function.Consumer<String> tap) {
        return batched(linesOf(type, extra, tap));
    }

    /** A stream whose each write's lines are appended in one batch. */
    public OutputStream batched(OutputStream lines) {
        EventLog log = this;
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                lines.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                log.batch(() -> {
                    try {
                        lines.write(b, off, len);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    private OutputStream linesOf(String type, Map<String, ?> extra, java.util.function.Consumer<String> tap) {
        Redaction.Lines keys = new Redaction.Lines();
        Map<String, Object> cleanExtra = new LinkedHashMap<>();
        extra.forEach((k, v) -> cleanExtra.put(k, Redaction.deep(v)));
        return lineStream(raw -> {
            String line = Redaction.apply(keys.apply(raw));
            tap.accept(line);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("line", line);
            data.putAll(cleanExtra);
            appendClean(type, data, Map.of());
        });
    }

    /** A stream split into lines (decoded as UTF-8, never longer than 1 MiB) that the caller turns into events. */
    public static OutputStream lineStream(java.util.function.Consumer<String> onLine) {
        return new LineSplitter(onLine);
    }

    @Override
    public synchronized void close() {
        try {
            flush();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
