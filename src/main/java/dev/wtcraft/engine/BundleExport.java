package dev.wtcraft.engine;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.GitException;
import dev.wtcraft.io.Sha256;
import dev.wtcraft.ledger.BundleManifest;
import dev.wtcraft.ledger.DiffRecord;
import dev.wtcraft.ledger.Event;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.LedgerDocument;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.ledger.TaskMeta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One task of a recorded run as a replay bundle: the last attempt's engine stream (the stdout lines its parser
 * saw, which events.jsonl keeps verbatim, redacted, in each line's first event's `raw`; a shell engine's `stdout`
 * lines), its exit code, and the change from the attempt's diff base to the task's commit, from git's objects.
 */
public final class BundleExport {
    private BundleExport() {
    }

    /** What was exported, for the command to say. */
    public record Exported(Path file, BundleManifest manifest) {
    }

    public static Exported export(Path repoRoot, Path runDir, String runId, String task, Path output, String version) {
        ReplayBundle b = build(repoRoot, runDir, runId, task, version);
        ReplayBundle.write(output, b.manifest(), b.stream(), b.patch());
        return new Exported(output, b.manifest());
    }

    /**
     * The bundle of a task of a recorded run, in memory (`replay 'name', run: RUN, task: TASK` replays it without a
     * file), checked as a bundle read from a file is.
     */
    public static ReplayBundle build(Path repoRoot, Path runDir, String runId, String task, String version) {
        Path taskDir = runDir.resolve("tasks").resolve(task).normalize();
        if (!taskDir.startsWith(runDir.resolve("tasks")) || !Files.isRegularFile(taskDir.resolve("meta.json"))) {
            throw WtcraftException.fatal("run " + runId + " has no task " + task + " (wtcraft show " + runId
                    + " lists its tasks)");
        }
        TaskLedger first = TaskLedger.at(taskDir);
        int attempts = Math.max(1, first.attemptsRecorded());
        TaskLedger ledger = first.attempt(attempts);
        TaskMeta meta = LedgerCodec.read(ledger.dir().resolve("meta.json"), TaskMeta.class);
        Optional<DiffRecord> diff = ledger.read("diff.json", DiffRecord.class);
        List<Event> events = events(ledger.dir().resolve("events.jsonl"));
        String cli = cli(events, ledger.dir());
        StringBuilder stream = new StringBuilder();
        int lines = 0;
        for (Event e : events) {
            String line = streamLine(cli, e);
            if (line != null) {
                stream.append(line).append('\n');
                lines++;
            }
        }
        String base = diff.map(DiffRecord::fromCommit).orElse(meta.baseCommit());
        String head = diff.map(DiffRecord::toCommit).orElse(base);
        if (base == null) {
            throw WtcraftException.fatal("task " + task + " of run " + runId + " records no base commit: nothing to"
                    + " export");
        }
        GitCli git = new GitCli(repoRoot);
        for (String commit : new String[] {base, head}) {
            if (!git.succeeds("cat-file", "-e", commit + "^{commit}")) {
                throw WtcraftException.fatal("commit " + commit + " of task " + task + " is no longer in this"
                        + " repository (garbage-collected, or the run came from elsewhere): it cannot be exported");
            }
        }
        byte[] patch;
        List<BundleManifest.File> files;
        try {
            patch = git.bytes("diff", "--binary", "--full-index", "-M", "--no-color", "--no-ext-diff",
                    "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", "--no-relative", base, head, "--");
            files = files(git.bytes("diff", "--raw", "-z", "-M", "--no-abbrev", "--no-relative", base, head, "--"));
        } catch (GitException e) {
            throw WtcraftException.fatal("git cannot give the change of task " + task + ": " + e.getMessage());
        }
        for (BundleManifest.File f : files) {
            if (special(f.oldMode()) || special(f.newMode())) {
                throw WtcraftException.fatal("task " + task + " changes " + f.path() + ", a symbolic link or a"
                        + " submodule, which a bundle cannot carry (a bundle changes regular files only)");
            }
        }
        byte[] streamBytes = stream.toString().getBytes(StandardCharsets.UTF_8);
        BundleManifest manifest = new BundleManifest(LedgerDocument.SCHEMA_VERSION, BundleManifest.FORMAT, version,
                runId, task, attempts, meta.engine(), cli, meta.exitCode(), meta.engineOutcome(), meta.outcome(),
                base, head, new Sha256().bytes(streamBytes).hex(), lines, new Sha256().bytes(patch).hex(),
                patch.length, files, Instant.now());
        ReplayBundle bundle = new ReplayBundle(manifest, streamBytes, patch);
        BundlePatch.requireSafe(taskDir, bundle);
        return bundle;
    }

    private static boolean special(String mode) {
        return "120000".equals(mode) || "160000".equals(mode);
    }

    private static List<Event> events(Path file) {
        List<Event> events = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return events;
        }
        try {
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                if (!line.isBlank()) {
                    events.add(LedgerCodec.parse(file + ":" + n, line, Event.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return events;
    }

    /** Which CLI's stream the attempt holds, from its engine.started event. */
    private static String cli(List<Event> events, Path dir) {
        for (Event e : events) {
            if (e.type().equals("engine.started")) {
                String kind = e.text("kind");
                if ("replay".equals(kind)) {
                    return e.text("as");
                }
                if (kind != null) {
                    return kind;
                }
                if ("shell".equals(e.text("engine"))) {
                    return "shell";
                }
            }
        }
        throw WtcraftException.fatal(dir.resolve("events.jsonl") + " records no engine start: the attempt ran no"
                + " engine, so there is nothing to export");
    }

    private static String streamLine(String cli, Event e) {
        if (cli.equals("shell")) {
            return e.type().equals("stdout") ? e.text("line") : null;
        }
        boolean agent = e.type().equals("agent") || e.type().startsWith("agent.");
        return agent && !e.data().containsKey("source") ? e.text("raw") : null;
    }

    /** `git diff --raw -z` as the manifest's files. */
    static List<BundleManifest.File> files(byte[] raw) {
        List<byte[]> items = GitCli.splitNul(raw);
        List<BundleManifest.File> files = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String[] meta = new String(items.get(i), StandardCharsets.UTF_8).substring(1).split(" ");
            String oldMode = meta[0];
            String newMode = meta[1];
            String oldBlob = meta[2];
            String newBlob = meta[3];
            char letter = meta[4].charAt(0);
            String path = new String(items.get(++i), StandardCharsets.UTF_8);
            String oldPath = null;
            if (letter == 'R' || letter == 'C') {
                oldPath = path;
                path = new String(items.get(++i), StandardCharsets.UTF_8);
            }
            BundleManifest.Status status = switch (letter) {
                case 'A', 'C' -> BundleManifest.Status.ADDED;
                case 'D' -> BundleManifest.Status.DELETED;
                case 'R' -> BundleManifest.Status.RENAMED;
                case 'T' -> BundleManifest.Status.TYPE_CHANGED;
                default -> BundleManifest.Status.MODIFIED;
            };
            boolean added = status == BundleManifest.Status.ADDED;
            boolean deleted = status == BundleManifest.Status.DELETED;
            files.add(new BundleManifest.File(status, path, added ? null : oldPath, added ? null : oldBlob,
                    added ? null : oldMode, deleted ? null : newBlob, deleted ? null : newMode));
        }
        return files;
    }
}
