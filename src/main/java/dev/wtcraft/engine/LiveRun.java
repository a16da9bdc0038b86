package dev.wtcraft.engine;

import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.model.Durations;
import dev.wtcraft.process.StepRunner;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One agent CLI's run as it happens: what it prints on stdout and stderr, and what it appends to its session file,
 * all read under one lock (the session file first, so that its usage reports come before the tool results that
 * follow them). Usage is handed on at each report, so a budget crossed mid-run stops the engine there; the gates
 * the CLI has no setting for are kept here: a turn limit counted from the stream, and a retry loop that would
 * outlast the timeout.
 */
final class LiveRun {
    /** Why wtcraft stopped the CLI itself. */
    record Stop(EngineOutcome outcome, String reason) {
    }

    private final StreamParser parser;
    private final EventLog events;
    private final SessionLog session;
    private final Runnable onUsage;
    private final Integer streamTurnLimit;
    private final boolean retriesBounded;
    private final Duration timeout;
    private final String cli;
    private final long started = System.nanoTime();
    private volatile Process process;
    private volatile Stop stop;

    /**
     * @param session         the CLI's session file, or null when it keeps none
     * @param streamTurnLimit the turn limit to enforce from the stream, or null (none, or the CLI keeps it)
     * @param retriesBounded  whether the CLI's retries are bounded in its own terms (else counted here)
     */
    LiveRun(String cli, StreamParser parser, EventLog events, SessionLog session, Runnable onUsage,
            Integer streamTurnLimit, boolean retriesBounded, Duration timeout) {
        this.cli = cli;
        this.parser = parser;
        this.events = events;
        this.session = session;
        this.onUsage = onUsage;
        this.streamTurnLimit = streamTurnLimit;
        this.retriesBounded = retriesBounded;
        this.timeout = timeout;
    }

    void attach(Process p) {
        this.process = p;
    }

    Stop stop() {
        return stop;
    }

    synchronized void stdout(String line) {
        drainSession();
        int toolsBefore = parser.toolResults;
        List<AgentEvent> parsed = NormalizedLines.record(events, parser, line);
        after(parsed, parser.toolResults > toolsBefore);
    }

    synchronized void stderr(String line) {
        int toolsBefore = parser.toolResults;
        List<AgentEvent> parsed = parser.stderrLine(line);
        if (!parsed.isEmpty()) {
            NormalizedLines.append(events, parsed, "stderr");
            after(parsed, parser.toolResults > toolsBefore);
        }
    }

    /** Reads what the CLI appended to its session file since the last time. */
    synchronized void drainSession() {
        if (session == null) {
            return;
        }
        session.drain(line -> {
            List<AgentEvent> parsed = parser.sessionLine(line);
            if (!parsed.isEmpty()) {
                NormalizedLines.append(events, parsed, "session " + session.file().getFileName());
                after(parsed, false);
            }
        });
    }

    private void after(List<AgentEvent> parsed, boolean toolFinished) {
        if (NormalizedLines.reportsUsage(parsed) && onUsage != null) {
            onUsage.run();
        }
        if (stop != null) {
            return;
        }
        if (streamTurnLimit != null && toolFinished) {
            int turns = session != null && session.found() ? parser.summary().usage().turns() : parser.toolResults;
            if (turns >= streamTurnLimit) {
                halt(EngineOutcome.MAX_TURNS, "stopped at its turn limit (" + streamTurnLimit + " turns; " + cli
                        + " has no setting for it: wtcraft counted the turns and stopped it once the last one's tools were done)");
                return;
            }
        }
        for (AgentEvent e : parsed) {
            if (e.type().equals("retry")) {
                retry(e);
            }
        }
    }

    private void retry(AgentEvent e) {
        int attempt = e.data().get("attempt") instanceof Number n ? n.intValue() : 0;
        Integer status = e.data().get("status") instanceof Number n ? n.intValue() : null;
        Long delay = e.data().get("delay_ms") instanceof Number n ? n.longValue() : null;
        String what = "API error (" + (status == null ? "" : "HTTP " + status + ", ") + "retry " + attempt + ")";
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (timeout != null && delay != null && elapsed.plusMillis(delay).compareTo(timeout) >= 0) {
            halt(EngineOutcome.API_ERROR, what + ": its next try, in " + Durations.format(Duration.ofMillis(delay))
                    + ", would pass its timeout of " + Durations.format(timeout) + "; wtcraft stopped it");
        } else if (!retriesBounded && attempt > AgentCli.API_RETRIES) {
            halt(EngineOutcome.API_ERROR, what + ": still failing after " + AgentCli.API_RETRIES
                    + " retries; wtcraft stopped it");
        }
    }

    /** Stops the CLI's process group, once, for a reason of wtcraft's own. */
    private void halt(EngineOutcome outcome, String reason) {
        stop = new Stop(outcome, reason);
        events.append("engine.stopping", java.util.Map.of("outcome", outcome.wire(), "reason", reason));
        Process p = process;
        if (p != null) {
            StepRunner.killGroup(p);
        }
    }

    /** A poller for the session file, until {@link #close} of the returned handle. */
    AutoCloseable poll(Duration every) {
        if (session == null) {
            return () -> { };
        }
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException ex) {
                    return;
                }
                drainSession();
            }
        }, "wtcraft-session-log");
        t.setDaemon(true);
        t.start();
        return t::interrupt;
    }

    /** For the ledger's stderr stream. */
    Consumer<String> stderrSink() {
        return this::stderr;
    }
}
