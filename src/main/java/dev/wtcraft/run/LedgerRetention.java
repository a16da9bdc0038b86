package dev.wtcraft.run;

import dev.wtcraft.ledger.RunHistory;
import dev.wtcraft.ledger.RunLedger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `clean --keep N`: which runs' ledgers stay (the N newest, and every run a live runner holds a lease for) and
 * which go. A ledger goes whole: it is renamed out of `.wtcraft/runs/` first, so an interrupted clean never leaves
 * a half-deleted directory that reads as a run.
 */
public final class LedgerRetention {
    /** What clean does to one run's ledger; {@code bytes} is measured for the ledgers it removes. */
    public record Decision(String runId, Path ledger, String action, String reason, long bytes) {
        public Map<String, Object> toDocument() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run_id", runId);
            m.put("ledger", ledger.toString());
            m.put("action", action);
            m.put("reason", reason);
            m.put("size_bytes", bytes);
            return m;
        }

        Decision measured(Map<Path, Long> bytes) {
            return new Decision(runId, ledger, action, reason, bytes.getOrDefault(ledger, 0L));
        }

        public boolean removes() {
            return action.equals("remove") || action.equals("would remove");
        }
    }

    private LedgerRetention() {
    }

    /** The runs, oldest first, each kept or removed; {@code olderThan} (may be null) spares the recent ones too. */
    static List<Decision> decide(Path repoRoot, int keep, Duration olderThan, boolean dryRun) {
        RunHistory history = new RunHistory(repoRoot);
        List<String> ids = history.runIds();
        Map<String, TaskLeases.Holder> live = new TaskLeases(repoRoot).liveRuns();
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Path dir = history.dir(id);
            int newer = ids.size() - 1 - i;
            if (newer < keep) {
                out.add(new Decision(id, dir, "keep", "one of the " + keep + " newest", 0));
            } else if (live.containsKey(id)) {
                out.add(new Decision(id, dir, "keep", "it is running in " + live.get(id), 0));
            } else if (olderThan != null && touched(dir).isAfter(Instant.now().minus(olderThan))) {
                out.add(new Decision(id, dir, "keep", "touched " + touched(dir) + ", within --older-than", 0));
            } else {
                out.add(new Decision(id, dir, dryRun ? "would remove" : "remove",
                        keep == 0 ? "--keep 0" : "older than the " + keep + " newest", 0));
            }
        }
        return out;
    }

    /** Renames each ledger to remove into the trash; one that cannot be is kept, saying why. */
    static List<Decision> remove(List<Decision> decisions, dev.wtcraft.io.Trash trash) {
        List<Decision> out = new ArrayList<>();
        for (Decision d : decisions) {
            if (!d.action().equals("remove")) {
                out.add(d);
                continue;
            }
            try {
                if (trash.take(d.ledger()).isPresent()) {
                    out.add(d);
                    continue;
                }
                out.add(new Decision(d.runId(), d.ledger(), "keep", "it cannot be moved into " + trash.dir()
                        + " in one step (another file system)", 0));
            } catch (IOException e) {
                out.add(new Decision(d.runId(), d.ledger(), "keep", "cannot move it: " + e.getMessage(), 0));
            }
        }
        return out;
    }

    /** When run.json was last written: a run's last event (finished, resumed, landed). */
    private static Instant touched(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve("run.json")).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    static Path trashDir(Path repoRoot) {
        return repoRoot.resolve(RunLedger.RUNS_DIR).resolve(".trash");
    }
}
