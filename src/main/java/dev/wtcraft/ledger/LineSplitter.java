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
        int end = off + len;
        int start = off; // where the line being read begins in b
        int pending = current.size(); // its bytes from earlier writes; size() is synchronized, too dear to ask per byte
        int i = off;
        while (i < end) {
            // the index at which the line reaches the cap: only there does the scan need to stop short of a newline
            int cap = Math.min(end, start + (MAX_LINE - pending));
            while (i < cap && b[i] != '\n') {
                i++;
            }
            if (i == end) {
                break;
            }
            if (b[i] == '\n') {
                emit(b, start, i, pending);
                start = i + 1;
                i = start;
            } else { // the cap, and no newline there: this much is handed on as a piece
                emit(b, start, i, pending);
                start = i;
            }
            pending = 0;
        }
        current.write(b, start, end - start);
    }

    /**
     * Hands on the line made of what earlier writes left and b from start to end. A line wholly inside one write
     * (nearly every line of a stream read 64 KB at a time) is decoded where it is, not copied twice first.
     */
    private void emit(byte[] b, int start, int end, int pending) {
        if (pending > 0) {
            current.write(b, start, end - start);
            emit();
            return;
        }
        int n = end - start;
        if (n > 0 && b[end - 1] == '\r') {
            n--;
        }
        sink.accept(new String(b, start, n, StandardCharsets.UTF_8));
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
