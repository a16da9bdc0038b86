package dev.wtcraft.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Test helpers about real processes. */
public final class Processes {
    private Processes() {
    }

    /**
     * True while the process runs. A killed process whose parent died stays a zombie until init reaps it, and
     * not every container's init does: a zombie is not running.
     */
    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Waits up to the timeout for the process to stop running; true when it did. */
    public static boolean stops(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running(pid) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return !running(pid);
    }
}
