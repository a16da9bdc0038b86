package dev.wtcraft.cli;

import dev.wtcraft.run.RunService;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress on a terminal: one live line per running task (elapsed time, last event), redrawn in place, with
 * finished tasks and run-wide messages printed above it. Used only when stdout is a terminal.
 */
final class LiveProgress implements RunService.Listener, AutoCloseable {
    private static final String ERASE_BELOW = "\u001b[J";

    private record Line(long startNanos, String last) {
    }

    private final PrintStream out;
    private final Map<String, Line> running = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wtcraft-progress");
        t.setDaemon(true);
        return t;
    });
    private int drawn;

    LiveProgress(PrintStream out) {
        this.out = out;
        ticker.scheduleAtFixedRate(this::redraw, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** A terminal that can redraw: stdout is a console and TERM is not dumb. */
    static boolean available(Map<String, String> env) {
        String term = env.get("TERM");
        return System.console() != null && term != null && !term.isBlank() && !term.equals("dumb");
    }

    @Override
    public synchronized void step(String task, String message) {
        if (task.equals("run")) {
            above("[run] " + message);
            return;
        }
        Line line = running.get(task);
        running.put(task, new Line(line == null ? System.nanoTime() : line.startNanos(), message));
        redraw();
    }

    @Override
    public synchronized void finished(String task, String message) {
        running.remove(task);
        above("[" + task + "] " + message);
    }

    private void above(String line) {
        clear();
        out.println(dev.wtcraft.ledger.Redaction.apply(line));
        redraw();
    }

    private void clear() {
        if (drawn > 0) {
            out.print("\u001b[" + drawn + "F" + ERASE_BELOW);
            drawn = 0;
        }
    }

    private synchronized void redraw() {
        clear();
        for (Map.Entry<String, Line> e : running.entrySet()) {
            double seconds = (System.nanoTime() - e.getValue().startNanos()) / 1e9;
            String text = String.format(Locale.ROOT, "  %-24s %6.1fs  %s", e.getKey(), seconds, dev.wtcraft.ledger.Redaction.apply(e.getValue().last()));
            out.println(text.length() > 150 ? text.substring(0, 147) + "..." : text);
            drawn++;
        }
        out.flush();
    }

    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        clear();
        out.flush();
    }
}
