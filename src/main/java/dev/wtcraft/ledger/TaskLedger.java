package dev.wtcraft.ledger;

import dev.wtcraft.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One task's ledger directory: meta.json, prompt.md, events.jsonl, last-message.md, usage.json,
 * changed-files.txt, check.json, diff.json, diff.patch, verify.json, summary.md. Everything but events.jsonl is written atomically.
 */
public final class TaskLedger {
    private final Path dir;

    TaskLedger(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A ledger directory of its own at {@code dir} (a review outside any run). */
    public static TaskLedger at(Path dir) {
        return new TaskLedger(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The first of `NAME/`, `NAME-2/`, ... under this directory that does not exist yet (one per review). */
    public TaskLedger next(String name) {
        Path candidate = dir.resolve(name);
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = dir.resolve(name + "-" + n);
        }
        return new TaskLedger(candidate);
    }

    /** Attempt 1 is this directory; attempt N (N >= 2) is `attempt-N/` under it. */
    public TaskLedger attempt(int n) {
        return n <= 1 ? this : new TaskLedger(dir.resolve("attempt-" + n));
    }

    /** How many attempts this task's ledger already holds (0 for none). */
    public int attemptsRecorded() {
        if (!Files.exists(dir.resolve("events.jsonl"))) {
            return 0;
        }
        int n = 1;
        while (Files.exists(dir.resolve("attempt-" + (n + 1)))) {
            n++;
        }
        return n;
    }

    public EventLog openEvents() {
        return new EventLog(dir.resolve("events.jsonl"));
    }

    public Path promptFile() {
        return dir.resolve("prompt.md");
    }

    public void writePrompt(String prompt) {
        AtomicFiles.write(promptFile(), Redaction.apply(prompt));
    }

    /** Writes one of the ledger's records (meta.json, usage.json, check.json, ...) through the one codec. */
    public void write(String name, LedgerDocument document) {
        LedgerCodec.write(dir.resolve(name), document);
    }

    public <T extends LedgerDocument> java.util.Optional<T> read(String name, Class<T> type) {
        return LedgerCodec.readIfPresent(dir.resolve(name), type);
    }

    public void writeText(String name, String text) {
        AtomicFiles.write(dir.resolve(name), Redaction.apply(text));
    }

    /** Whether a file here is missing or empty (one made for a sandbox to bind, that nothing wrote, is empty). */
    public boolean isBlank(String name) {
        try {
            Path file = dir.resolve(name);
            return !Files.exists(file) || Files.size(file) == 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Rewrites a file that someone else wrote here (an agent CLI's last message) with its secrets redacted. */
    public void redact(String name) {
        Path file = dir.resolve(name);
        try {
            if (Files.isRegularFile(file)) {
                String text = Files.readString(file);
                String clean = Redaction.apply(text);
                if (!clean.equals(text)) {
                    AtomicFiles.write(file, clean);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // not text, or gone: nothing to redact
        }
    }

    public void writeChangedFiles(List<String> files) {
        StringBuilder out = new StringBuilder();
        files.forEach(f -> out.append(f).append('\n'));
        writeText("changed-files.txt", out.toString());
    }

    public void writeMeta(TaskMeta meta) {
        write("meta.json", meta);
    }
}
