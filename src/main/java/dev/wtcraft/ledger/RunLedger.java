package dev.wtcraft.ledger;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** `.wtcraft/runs/<run-id>/`: run.json (rewritten atomically as tasks finish) and one directory per task. */
public final class RunLedger {
    public static final String RUNS_DIR = ".wtcraft/runs";
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String runId;

    private RunLedger(Path dir, String runId) {
        this.dir = dir;
        this.runId = runId;
    }

    /** A new run directory; the id sorts by start time (second precision, then a random suffix). */
    public static RunLedger create(Path repoRoot, Instant startedAt) {
        String id = newId(startedAt);
        Path dir = repoRoot.resolve(RUNS_DIR).resolve(id);
        try {
            Files.createDirectories(dir.resolve("tasks"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run ledger " + dir + ": " + e.getMessage(), e);
        }
        return new RunLedger(dir, id);
    }

    /** A new run's id, for a run directory made elsewhere and moved in whole (a collected run). */
    public static String newId(Instant startedAt) {
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        return stamp(startedAt) + "-" + HexFormat.of().formatHex(suffix);
    }

    /** An existing run's directory, to resume it. */
    public static RunLedger open(Path repoRoot, String runId) {
        return find(repoRoot, runId).orElseThrow(() -> dev.wtcraft.WtcraftException.fatal(
                "no run " + runId + " to resume under " + repoRoot.resolve(RUNS_DIR)));
    }

    /** An existing run's directory, if there is one (a task's state may name a run whose ledger was removed). */
    public static java.util.Optional<RunLedger> find(Path repoRoot, String runId) {
        if (runId == null || runId.isBlank()) {
            return java.util.Optional.empty();
        }
        Path dir = repoRoot.resolve(RUNS_DIR).resolve(runId);
        return Files.isRegularFile(dir.resolve("run.json")) ? java.util.Optional.of(new RunLedger(dir, runId))
                : java.util.Optional.empty();
    }

    /** UTC, second precision, sortable: the time part of run ids and of other ledger directories' names. */
    public static String stamp(Instant at) {
        return ID_TIME.format(at);
    }

    public String runId() {
        return runId;
    }

    public Path dir() {
        return dir;
    }

    public TaskLedger task(String taskName) {
        return new TaskLedger(dir.resolve("tasks").resolve(taskName));
    }

    public Path runFile() {
        return dir.resolve("run.json");
    }

    /** Writes run.json atomically: the run as it stands. */
    public void writeRun(RunRecord run) {
        LedgerCodec.write(runFile(), run);
    }

    public RunRecord readRun() {
        return LedgerCodec.read(runFile(), RunRecord.class);
    }

    /** Reads run.json, applies {@code change}, and writes it back atomically (finish records landings). */
    public synchronized RunRecord update(java.util.function.UnaryOperator<RunRecord> change) {
        RunRecord next = change.apply(readRun());
        writeRun(next);
        return next;
    }
}
