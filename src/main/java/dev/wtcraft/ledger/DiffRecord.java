package dev.wtcraft.ledger;

import dev.wtcraft.git.TreeDiff;

import java.util.List;

/**
 * `diff.json`: what an attempt changed against the task's base, file by file; `diff.patch` beside it is the patch.
 *
 * @param base           the ref the task is compared with (its contract's base)
 * @param fromCommit     where the change starts: the merge-base of that ref and the task's work
 * @param toCommit       the task's work (its branch after the attempt's commit)
 * @param additions      lines added over all text files
 * @param deletions      lines deleted over all text files
 * @param patchBytes     the size of the whole patch as git wrote it
 * @param patchTruncated whether diff.patch holds only its first {@code patchLimit} bytes (a note at its end says so)
 */
public record DiffRecord(int schemaVersion, String base, String fromCommit, String toCommit, int filesChanged,
                         long additions, long deletions, long patchBytes, boolean patchTruncated, long patchLimit,
                         List<File> files) implements LedgerDocument {
    public DiffRecord {
        files = List.copyOf(files);
    }

    /**
     * One changed file.
     *
     * @param status     added, modified, deleted or type_changed (a rename is a deletion and an addition)
     * @param additions  lines added (0 for a binary file)
     * @param binary     whether git's content check finds it binary (its patch is one line)
     * @param violations the kinds of the check's violations on this file (scope, off_limits, ...); empty when none
     */
    public record File(String path, TreeDiff.Status status, int additions, int deletions, boolean binary,
                       List<String> violations) {
        public File {
            violations = violations == null ? List.of() : List.copyOf(violations);
        }

        public boolean violation() {
            return !violations.isEmpty();
        }
    }

    /** Whether any file of the change broke the contract. */
    public long violationCount() {
        return files.stream().filter(File::violation).count();
    }
}
