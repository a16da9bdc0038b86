package dev.wtcraft.engine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A file a CLI appends to while it runs (its session record), read as it grows: complete lines only, from where
 * this run began (a resumed session's file already holds the earlier attempts). Found once its CLI has named the
 * session; until then, and when it never appears, it reads nothing.
 */
final class SessionLog {
    /** A line longer than this is skipped (a session record also holds whole tool outputs). */
    private static final int MAX_LINE = 1 << 20;

    private final Supplier<Path> locate;
    private Path file;
    private long offset;
    private byte[] partial = new byte[0];
    /** When the file was last looked for (System.nanoTime), 0 before the first time. */
    private long looked;
    private static final long LOOK_EVERY_NANOS = 50_000_000L;

    /** @param start a file that exists before the run (a resumed session's): read from its current end; or null */
    SessionLog(Supplier<Path> locate, Path start) {
        this.locate = locate;
        if (start != null) {
            this.file = start;
            try {
                this.offset = Files.size(start);
            } catch (IOException e) {
                this.offset = 0;
            }
        }
    }

    boolean found() {
        return file != null;
    }

    Path file() {
        return file;
    }

    /**
     * Hands each new complete line to {@code line}. Called for every line the CLI prints, so a file not found yet
     * is looked for at most every {@link #LOOK_EVERY_NANOS} (finding it walks the CLI's session directory), and a
     * file that did not grow costs one {@code stat}.
     */
    void drain(Consumer<String> line) {
        if (file == null) {
            long now = System.nanoTime();
            if (looked != 0 && now - looked < LOOK_EVERY_NANOS) {
                return;
            }
            looked = now;
            file = locate.get();
            if (file == null) {
                return;
            }
        }
        if (file.toFile().length() <= offset) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return;
            }
            byte[] chunk = new byte[(int) Math.min(length - offset, 8L << 20)];
            in.seek(offset);
            in.readFully(chunk);
            offset += chunk.length;
            byte[] data = partial.length == 0 ? chunk : concat(partial, chunk);
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    if (i - start <= MAX_LINE) {
                        line.accept(new String(data, start, i - start, StandardCharsets.UTF_8));
                    }
                    start = i + 1;
                }
            }
            int rest = data.length - start;
            partial = rest > MAX_LINE ? new byte[0] : java.util.Arrays.copyOfRange(data, start, data.length);
        } catch (IOException e) {
            // the CLI may rotate or remove it; what was read stays counted
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
