package dev.wtcraft.ledger;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.JsonText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the ledgers under `.wtcraft/runs/`: which runs exist, and what one run or task recorded. */
public final class RunHistory {
    private final Path runsDir;

    public RunHistory(Path repoRoot) {
        this.runsDir = repoRoot.resolve(RunLedger.RUNS_DIR);
    }

    /** Run ids, oldest first (ids sort by start time). */
    public List<String> runIds() {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("run.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw WtcraftException.fatal("cannot list " + runsDir + ": " + e.getMessage());
        }
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

    @SuppressWarnings("unchecked")
    public Map<String, Object> run(String runId) {
        Map<String, Object> doc = new LinkedHashMap<>((Map<String, Object>) readJson(dir(runId).resolve("run.json")));
        doc.put("ledger", dir(runId).toString());
        return doc;
    }

    /** One task's recorded documents: meta, check, verify and usage (absent files are null). */
    public Map<String, Object> task(String runId, String task) {
        Path taskDir = dir(runId).resolve("tasks").resolve(task);
        if (!Files.isDirectory(taskDir)) {
            throw WtcraftException.fatal("run " + runId + " has no task '" + task + "'");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("task", task);
        doc.put("ledger", taskDir.toString());
        for (String name : List.of("meta", "check", "verify", "usage")) {
            Path f = taskDir.resolve(name + ".json");
            doc.put(name, Files.exists(f) ? readJson(f) : null);
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(taskDir)) {
            list.map(p -> p.getFileName().toString()).sorted().forEach(files::add);
        } catch (IOException e) {
            throw WtcraftException.fatal("cannot list " + taskDir + ": " + e.getMessage());
        }
        doc.put("files", files);
        return doc;
    }

    public String summary(String runId, String task) {
        Path f = dir(runId).resolve("tasks").resolve(task).resolve("summary.md");
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no summary.md)\n";
        }
    }

    private static Object readJson(Path file) {
        try {
            return JsonText.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw WtcraftException.fatal("unreadable ledger file " + file + ": " + e.getMessage());
        }
    }
}
