package dev.wtcraft.ledger;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a byte stream into lines (without their terminators), decoding UTF-8 and keeping invalid bytes as
 * U+FFFD. A line longer than {@link #MAX_LINE} is handed on in pieces so memory stays flat.
 */
final class LineSplitter extends OutputStream {
    static final int MAX_LINE = 1 << 20;

    private final Consumer<String> sink;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    LineSplitter(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            current.write(b);
            if (current.size() >= MAX_LINE) {
                emit();
            }
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int start = off;
        int pending = current.size(); // tracked here: size() is synchronized, too dear to ask per byte
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                current.write(b, start, i - start);
                emit();
                start = i + 1;
                pending = 0;
            } else if (pending + (i - start) >= MAX_LINE) {
                current.write(b, start, i - start);
                emit();
                start = i;
                pending = 0;
            }
        }
        current.write(b, start, off + len - start);
    }

    private void emit() {
        byte[] bytes = current.toByteArray();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        sink.accept(new String(bytes, 0, n, StandardCharsets.UTF_8));
        current.reset();
    }

    /** A last line without a newline is still a line. */
    @Override
    public synchronized void close() {
        if (current.size() > 0) {
            emit();
        }
    }
}
