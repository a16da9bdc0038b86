package dev.wtcraft.ledger;

import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.io.JsonText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

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
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        String id = stamp(startedAt) + "-" + HexFormat.of().formatHex(suffix);
        Path dir = repoRoot.resolve(RUNS_DIR).resolve(id);
        try {
            Files.createDirectories(dir.resolve("tasks"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run ledger " + dir + ": " + e.getMessage(), e);
        }
        return new RunLedger(dir, id);
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

    public void writeRun(Map<String, Object> runDocument) {
        AtomicFiles.write(dir.resolve("run.json"), JsonText.write(Redaction.deep(runDocument)) + "\n");
    }

    /** Reads run.json, lets {@code change} edit it, and writes it back atomically (finish records landings). */
    @SuppressWarnings("unchecked")
    public void update(java.util.function.Consumer<Map<String, Object>> change) {
        Path file = dir.resolve("run.json");
        Map<String, Object> doc;
        try {
            doc = new LinkedHashMap<>((Map<String, Object>) JsonText.parse(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        change.accept(doc);
        writeRun(doc);
    }

    /** The fields every run.json starts with. */
    public static Map<String, Object> header(String runId, String recipe, String recipeSha256, String baseCommit,
                                             Instant startedAt) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", runId);
        doc.put("recipe", recipe);
        doc.put("recipe_sha256", recipeSha256);
        doc.put("base_commit", baseCommit);
        doc.put("started_at", startedAt.toString());
        doc.put("finished_at", null);
        return doc;
    }
}
