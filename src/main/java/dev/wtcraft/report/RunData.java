package dev.wtcraft.report;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.JsonText;
import dev.wtcraft.ledger.RunHistory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run's ledger read back for the reports: the run, and per task what every file of its ledger says. */
public record RunData(String runId, Path ledger, String recipe, String baseCommit, Instant started, Instant finished,
                      Integer exitCode, List<Task> tasks) {

    /** A changed file, and the violations it caused. */
    public record ChangedFile(String path, List<Violation> violations) {
    }

    public record Violation(String kind, String matched, String message) {
    }

    public record Step(int index, String command, String status, Integer exitCode, double seconds) {
        public boolean passed() {
            return "pass".equals(status);
        }
    }

    public record Review(String verdict, String reviewer, String summary, String reasons, Path file) {
    }

    /** A stretch of one attempt: engine, gates, review. */
    public record Phase(int attempt, String name, Instant from, Instant to) {
    }

    public record Task(String name, List<String> dependsOn, String outcome, String reason, String engine, int attempts,
                       Instant started, Instant finished, List<ChangedFile> changed, List<Step> steps, Review review,
                       long tokens, double usd, Map<String, Object> landed, List<Phase> phases, Path dir) {
        public long violationCount() {
            return changed.stream().mapToLong(f -> f.violations().size()).sum();
        }

        public double seconds() {
            return started == null || finished == null ? 0 : (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0;
        }
    }

    /** Reads run {@code runId} (an id, a prefix, or "last") of the repository at {@code root}. */
    public static RunData load(Path root, String runId) {
        RunHistory history = new RunHistory(root);
        String id = history.resolve(runId);
        Map<String, Object> run = history.run(id);
        Path ledger = history.dir(id);
        List<Task> tasks = new ArrayList<>();
        if (run.get("tasks") instanceof Map<?, ?> entries) {
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                tasks.add(task(ledger, e.getKey().toString(), e.getValue() instanceof Map<?, ?> m ? m : Map.of()));
            }
        }
        return new RunData(id, ledger, str(run.get("recipe")), str(run.get("base_commit")), instant(run.get("started_at")),
                instant(run.get("finished_at")), run.get("exit_code") instanceof Number n ? n.intValue() : null, tasks);
    }

    private static Task task(Path ledger, String name, Map<?, ?> entry) {
        Path dir = ledger.resolve("tasks").resolve(name);
        Map<?, ?> meta = json(dir.resolve("meta.json"));
        int attempts = entry.get("attempts") instanceof Number n ? n.intValue() : 1;
        Path last = attempts > 1 ? dir.resolve("attempt-" + attempts) : dir;
        Map<?, ?> check = json(last.resolve("check.json"));
        Map<?, ?> verify = json(last.resolve("verify.json"));
        Map<?, ?> spend = entry.get("spend") instanceof Map<?, ?> s ? s : Map.of();
        List<String> deps = meta.get("depends_on") instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of();
        List<Phase> phases = new ArrayList<>();
        Instant started = null;
        Instant finished = null;
        for (int a = 1; a <= Math.max(1, attempts); a++) {
            Path events = (a == 1 ? dir : dir.resolve("attempt-" + a)).resolve("events.jsonl");
            Instant[] span = phases(events, a, phases);
            started = started == null ? span[0] : started;
            finished = span[1] != null ? span[1] : finished;
        }
        return new Task(name, deps, str(entry.get("outcome")), str(entry.get("reason")), str(meta.get("engine")),
                attempts, started, finished, changed(check), steps(verify), Files.isDirectory(dir) ? review(dir) : null,
                spend.get("tokens") instanceof Number n ? n.longValue() : 0,
                spend.get("estimated_usd") instanceof Number n ? n.doubleValue() : 0,
                entry.get("landed") instanceof Map<?, ?> l ? cast(l) : null, phases, dir);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static List<ChangedFile> changed(Map<?, ?> check) {
        List<ChangedFile> out = new ArrayList<>();
        Map<String, List<Violation>> byFile = new LinkedHashMap<>();
        if (check.get("violations") instanceof List<?> vs) {
            for (Object o : vs) {
                if (o instanceof Map<?, ?> v) {
                    byFile.computeIfAbsent(str(v.get("file")), k -> new ArrayList<>())
                            .add(new Violation(str(v.get("kind")), str(v.get("matched")), str(v.get("message"))));
                }
            }
        }
        if (check.get("changed_files") instanceof List<?> files) {
            for (Object f : files) {
                out.add(new ChangedFile(f.toString(), byFile.getOrDefault(f.toString(), List.of())));
            }
        }
        byFile.forEach((file, vs) -> {
            if (file != null && out.stream().noneMatch(c -> c.path().equals(file))) {
                out.add(new ChangedFile(file, vs));
            }
        });
        return out;
    }

    private static List<Step> steps(Map<?, ?> verify) {
        List<Step> out = new ArrayList<>();
        if (verify.get("results") instanceof List<?> rs) {
            for (Object o : rs) {
                if (o instanceof Map<?, ?> r) {
                    out.add(new Step(r.get("index") instanceof Number n ? n.intValue() : out.size() + 1,
                            str(r.get("command")), str(r.get("status")),
                            r.get("exit_code") instanceof Number n ? n.intValue() : null,
                            r.get("duration_seconds") instanceof Number n ? n.doubleValue() : 0));
                }
            }
        }
        return out;
    }

    /** The task's latest review: in a run's attempt (`review/`) or a later `wtcraft review` (`review-N/`). */
    private static Review review(Path taskDir) {
        Map<?, ?> latest = null;
        Path latestFile = null;
        try (var files = Files.walk(taskDir, 3)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().equals("review.json"))::iterator) {
                Map<?, ?> r = json(f);
                String at = str(r.get("reviewed_at"));
                if (latest == null || (at != null && at.compareTo(String.valueOf(latest.get("reviewed_at"))) > 0)) {
                    latest = r;
                    latestFile = f;
                }
            }
        } catch (IOException e) {
            return null;
        }
        if (latest == null) {
            return null;
        }
        return new Review(str(latest.get("verdict")), str(latest.get("reviewer")), str(latest.get("summary")),
                str(latest.get("reasons")), latestFile);
    }

    /** Reads an attempt's stage events into phases; returns the attempt's first and last timestamps. */
    private static Instant[] phases(Path events, int attempt, List<Phase> into) {
        Instant first = null;
        Instant last = null;
        Instant engineFrom = null;
        Instant gatesFrom = null;
        Instant reviewFrom = null;
        if (!Files.isRegularFile(events)) {
            return new Instant[]{null, null};
        }
        try (BufferedReader r = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int at = line.indexOf("\"type\":\"");
                if (at < 0) {
                    continue;
                }
                String type = line.substring(at + 8, Math.max(at + 8, line.indexOf('"', at + 8)));
                boolean wanted = type.equals("stage") || type.startsWith("review.") || type.startsWith("task.")
                        || type.startsWith("attempt.") || type.equals("worktree.created");
                if (!wanted) {
                    continue;
                }
                Map<?, ?> event = (Map<?, ?>) JsonText.parse(line);
                Instant ts = instant(event.get("ts"));
                first = first == null ? ts : first;
                last = ts;
                Map<?, ?> data = event.get("data") instanceof Map<?, ?> d ? d : Map.of();
                if (type.equals("stage")) {
                    String stage = str(data.get("stage"));
                    if ("executing".equals(stage)) {
                        engineFrom = ts;
                    } else if ("verifying".equals(stage)) {
                        if (engineFrom != null) {
                            into.add(new Phase(attempt, "engine", engineFrom, ts));
                            engineFrom = null;
                        }
                        gatesFrom = ts;
                    }
                } else if (type.equals("review.started")) {
                    if (gatesFrom != null) {
                        into.add(new Phase(attempt, "check & verify", gatesFrom, ts));
                        gatesFrom = null;
                    }
                    reviewFrom = ts;
                } else if (type.equals("review.verdict") && reviewFrom != null) {
                    into.add(new Phase(attempt, "review", reviewFrom, ts));
                    reviewFrom = null;
                } else if (type.equals("attempt.finished") && gatesFrom != null) {
                    into.add(new Phase(attempt, "check & verify", gatesFrom, ts));
                    gatesFrom = null;
                }
            }
        } catch (IOException | ClassCastException e) {
            throw WtcraftException.fatal("unreadable ledger file " + events + ": " + e.getMessage());
        }
        return new Instant[]{first, last};
    }

    private static Map<?, ?> json(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return JsonText.parse(Files.readString(file, StandardCharsets.UTF_8)) instanceof Map<?, ?> m ? m : Map.of();
        } catch (IOException e) {
            throw WtcraftException.fatal("unreadable ledger file " + file + ": " + e.getMessage());
        }
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Instant instant(Object o) {
        try {
            return o == null ? null : Instant.parse(o.toString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
