package dev.wtcraft.ledger;

import dev.wtcraft.engine.EngineOutcome;

import java.time.Instant;
import java.util.List;

/**
 * `manifest.json` of a replay bundle (`wtcraft export`): which task of which run it holds, what produced its
 * stream, and the change it made, file by file, with the digests of the bundle's other two entries
 * (`stream.jsonl` and `change.patch`). A replay refuses a bundle whose entries do not match these digests.
 *
 * @param format        always {@link #FORMAT}
 * @param cli           what produced the stream: claude, codex, gemini (their stdout lines as the parser saw them)
 *                      or shell (its stdout lines)
 * @param exitCode      the engine's exit code as recorded
 * @param engineOutcome how the engine ended, as recorded (null when the ledger did not say)
 * @param outcome       how the task's attempt ended, as recorded
 * @param baseCommit    the commit the change starts from (the attempt's diff base)
 * @param headCommit    the task's commit the change ends at
 * @param streamSha256  sha256 of stream.jsonl
 * @param streamLines   how many lines stream.jsonl holds
 * @param patchSha256   sha256 of change.patch (a binary-safe git patch of baseCommit..headCommit, full blob ids)
 * @param files         the change, one entry per file (a rename is one entry naming both paths)
 */
public record BundleManifest(int schemaVersion, String format, String wtcraftVersion, String runId, String task,
                             int attempt, String engine, String cli, Integer exitCode, EngineOutcome engineOutcome,
                             TaskOutcome outcome, String baseCommit, String headCommit, String streamSha256,
                             int streamLines, String patchSha256, long patchBytes, List<File> files,
                             Instant exportedAt) implements LedgerDocument {
    public static final String FORMAT = "wtcraft-bundle";

    public BundleManifest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * One changed file, as `git diff --raw` gives it.
     *
     * @param status  added, modified, deleted, renamed or type_changed
     * @param path    the file after the change (for a deletion: the file deleted)
     * @param oldPath for a rename, the file before it; null otherwise
     * @param oldBlob the blob the base holds at the old path (null for an added file): a replay starts only
     *                where the base holds the same
     * @param oldMode the base's mode (null for an added file), newMode the change's (null for a deletion)
     */
    public record File(Status status, String path, String oldPath, String oldBlob, String oldMode, String newBlob,
                       String newMode) {
    }

    /** How one file changed. */
    public enum Status {
        ADDED, MODIFIED, DELETED, RENAMED, TYPE_CHANGED
    }
}
