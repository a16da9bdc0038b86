package dev.wtcraft.process;

import org.zeroturnaround.exec.stream.PumpStreamHandler;
import org.zeroturnaround.exec.stream.StreamPumper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A step's stream pumps that, once the step has ended, are waited for while its output still arrives: a reader
 * that takes its time over each line (the ledger writing a long one under load) gets all of what the step
 * printed, however long that takes. Only a pipe that stays silent for {@link #IDLE} (held open by a process
 * that escaped the step's group) or goes on past {@link #LONGEST} is given up on. A fixed close timeout would
 * drop the end of the output, which for an agent CLI is its final message.
 */
final class DrainingPumps extends PumpStreamHandler {
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final Duration LONGEST = Duration.ofMinutes(2);

    private final Watched watchedOut;
    private final Watched watchedErr;

    private DrainingPumps(Watched out, Watched err, InputStream input) {
        super(out, err, input);
        this.watchedOut = out;
        this.watchedErr = err;
    }

    static DrainingPumps of(OutputStream out, OutputStream err, InputStream input) {
        return new DrainingPumps(out == null ? null : new Watched(out), err == null ? null : new Watched(err), input);
    }

    /** What a pump reads at once: zt-exec's 1 KB made a read, a wake-up and a ledger write of every line. */
    static final int READ = 1 << 16;

    @Override
    protected Thread createPump(InputStream is, OutputStream os, boolean closeWhenExhausted, boolean flushImmediately) {
        return newThread(new StreamPumper(is, os, closeWhenExhausted, READ, flushImmediately));
    }

    @Override
    public void stop() {
        if (inputThread != null) {
            inputThread.interrupt();
            join(inputThread, Duration.ofSeconds(1));
        }
        long deadline = System.nanoTime() + LONGEST.toNanos();
        drain(outputThread, watchedOut, deadline);
        drain(errorThread, watchedErr, deadline);
        flush();
    }

    private static void drain(Thread pump, Watched stream, long deadline) {
        if (stream != null) {
            stream.touch(); // silence is counted from the step's end (or the other pump's), not from its last line
        }
        while (pump != null && pump.isAlive()) {
            join(pump, Duration.ofMillis(100));
            if (System.nanoTime() > deadline || stream.idleFor() > IDLE.toNanos()) {
                return;
            }
        }
    }

    private static void join(Thread t, Duration d) {
        try {
            t.join(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An output stream that knows when it was last written to, and whether a write is under way. */
    private static final class Watched extends OutputStream {
        private final OutputStream target;
        private volatile long last = System.nanoTime();
        private volatile boolean writing;

        Watched(OutputStream target) {
            this.target = target;
        }

        void touch() {
            last = System.nanoTime();
        }

        /** Nanoseconds since the last write ended; zero while one is under way. */
        long idleFor() {
            return writing ? 0 : System.nanoTime() - last;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writing = true;
            try {
                target.write(b, off, len);
            } finally {
                last = System.nanoTime();
                writing = false;
            }
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
