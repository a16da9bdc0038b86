package dev.wtcraft.ledger;

import dev.wtcraft.WtcraftException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the ledgers under `.wtcraft/runs/`: which runs exist, and what one run or task recorded. */
public final class RunHistory {
    private final Path runsDir;

    public RunHistory(Path repoRoot) {
        this.runsDir = repoRoot.resolve(RunLedger.RUNS_DIR);
    }

    /** One recorded run as listed: its record, or why it cannot be read (the other runs are listed all the same). */
    public record Listed(String runId, Path dir, RunRecord run, String damage) {
        public boolean damaged() {
            return damage != null;
        }
    }

    /**
     * What one task's ledger directory holds; a document the task never wrote is null.
     *
     * @param last the last attempt's directory (the task's own for attempt 1), where its check, diff and verify are
     */
    public record TaskFiles(String task, Path dir, Path last, TaskMeta meta, CheckRecord check, DiffRecord diff,
                            VerifyRecord verify, UsageRecord usage, List<String> files) {
        /** The last attempt's diff.patch, or null when it recorded none. */
        public String patch() {
            Path file = last.resolve("diff.patch");
            try {
                return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            } catch (IOException e) {
                throw WtcraftException.fatal("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    /** Run ids, oldest first (ids sort by start time). */
    public List<String> runIds() {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        List<String> ids;
        try (Stream<Path> dirs = Files.list(runsDir)) {
            ids = dirs.filter(d -> Files.isRegularFile(d.resolve("run.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw WtcraftException.fatal("cannot list " + runsDir + ": " + e.getMessage());
        }
        return inStartOrder(ids);
    }

    /**
     * Ids sorted by name are in start order to the second; runs started in the same second (their ids differ only
     * in the random suffix) are put in the order their run.json says they started, so "last" is the last one.
     */
    private List<String> inStartOrder(List<String> sorted) {
        List<String> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); ) {
            int j = i + 1;
            while (j < sorted.size() && second(sorted.get(j)).equals(second(sorted.get(i)))) {
                j++;
            }
            List<String> same = new ArrayList<>(sorted.subList(i, j));
            if (same.size() > 1) {
                same.sort(java.util.Comparator.comparing(this::startedAt).thenComparing(java.util.Comparator.naturalOrder()));
            }
            out.addAll(same);
            i = j;
        }
        return List.copyOf(out);
    }

    private static String second(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }

    /** When the run started, as its run.json says; a run.json that cannot be read sorts first. */
    private java.time.Instant startedAt(String id) {
        try {
            java.time.Instant at = run(id).startedAt();
            return at == null ? java.time.Instant.MIN : at;
        } catch (WtcraftException | java.io.UncheckedIOException e) {
            return java.time.Instant.MIN;
        }
    }

    /** Every run, oldest first; a damaged one is listed with what is wrong with it instead of stopping the list. */
    public List<Listed> list() {
        List<Listed> out = new ArrayList<>();
        for (String id : runIds()) {
            try {
                out.add(new Listed(id, dir(id), run(id), null));
            } catch (WtcraftException e) {
                out.add(new Listed(id, dir(id), null, e.getMessage()));
            }
        }
        return out;
    }

    /** A run by its id, a unique prefix of it, or "last". */
    public String resolve(String name) {
        List<String> ids = runIds();
        if (ids.isEmpty()) {
            throw WtcraftException.fatal("no runs recorded under " + runsDir + " (start one with 'wtcraft run')");
        }
        if (name.equals("last") || name.equals("latest")) {
            return ids.get(ids.size() - 1);
        }
        if (ids.contains(name)) {
            return name;
        }
        List<String> matches = ids.stream().filter(id -> id.startsWith(name)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw WtcraftException.fatal(matches.isEmpty() ? "no run '" + name + "' (see 'wtcraft runs')"
                : "ambiguous run '" + name + "': " + String.join(", ", matches));
    }

    public Path dir(String runId) {
        return runsDir.resolve(runId);
    }

    public RunRecord run(String runId) {
        return LedgerCodec.read(dir(runId).resolve("run.json"), RunRecord.class);
    }

    /** One task's recorded documents (its last attempt's check and verify) and the files of its directory. */
    public TaskFiles task(String runId, String task) {
        Path taskDir = dir(runId).resolve("tasks").resolve(task);
        if (!run(runId).tasks().containsKey(task) || !Files.isDirectory(taskDir)) {
            throw WtcraftException.fatal("run " + runId + " has no task '" + task + "'");
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(taskDir)) {
            list.map(p -> p.getFileName().toString()).sorted().forEach(files::add);
        } catch (IOException e) {
            throw WtcraftException.fatal("cannot list " + taskDir + ": " + e.getMessage());
        }
        TaskLedger ledger = TaskLedger.at(taskDir);
        TaskLedger last = ledger.attempt(ledger.attemptsRecorded());
        return new TaskFiles(task, taskDir, last.dir(), ledger.read("meta.json", TaskMeta.class).orElse(null),
                last.read("check.json", CheckRecord.class).orElse(null),
                last.read("diff.json", DiffRecord.class).orElse(null),
                last.read("verify.json", VerifyRecord.class).orElse(null),
                last.read("usage.json", UsageRecord.class).orElse(null), files);
    }

    public String summary(String runId, String task) {
        Path f = dir(runId).resolve("tasks").resolve(task).resolve("summary.md");
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no summary.md)\n";
        }
    }
}
