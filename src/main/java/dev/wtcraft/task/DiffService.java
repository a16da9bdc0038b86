package dev.wtcraft.task;

import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.Landing;
import dev.wtcraft.git.TreeDiff;
import dev.wtcraft.ledger.DiffRecord;
import dev.wtcraft.ledger.LedgerDocument;
import dev.wtcraft.scope.ScopeVerdict;
import dev.wtcraft.scope.Violation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's whole change against its base (committed, uncommitted and new files; the local task files left out),
 * as the ledger's `diff.json` record and the patch beside it. Reading it changes nothing the task or a person sees:
 * uncommitted work is read through a private index into a commit on no branch.
 */
public final class DiffService {
    /** The most of a patch the ledger keeps (1 MiB); a longer one is cut at a line and says so. */
    public static final int PATCH_LIMIT = 1 << 20;

    private DiffService() {
    }

    /** The record and the patch text (cut at {@link #PATCH_LIMIT}, with a note, when longer). */
    public record Diff(DiffRecord record, String patch) {
    }

    /** The worktree's change as it is now; violations are its files judged against the contract's patterns. */
    public static Diff live(TaskWorktree worktree) {
        TaskRecord task = TaskRecord.load(worktree, null);
        String base = task.contract().base().orElseGet(() -> CheckService.defaultBase(worktree));
        Span span = span(worktree, base);
        TreeDiff.Result result = TreeDiff.between(worktree.path(), span.from(), span.to());
        List<String> paths = result.files().stream().map(f -> f.path().text()).toList();
        List<Violation> violations = new ScopeVerdict(task.contract().scope(), task.contract().offLimits())
                .judge(null, TaskFiles.TASK_FILE, paths);
        return diff(base, span, result, violations, Integer.MAX_VALUE);
    }

    /** What a run's attempt changed, with the violations its check found, for the ledger (patch capped). */
    public static Diff attempt(TaskWorktree worktree, String base, List<Violation> violations) {
        Span span = span(worktree, base);
        return diff(base, span, TreeDiff.between(worktree.path(), span.from(), span.to()), violations, PATCH_LIMIT);
    }

    private record Span(String from, String to) {
    }

    private static Span span(TaskWorktree worktree, String base) {
        String work = new Landing(worktree.layout().root()).pendingWork(worktree.path(),
                "wtcraft diff: the task's work", TaskFiles.LOCAL);
        var mb = new GitCli(worktree.path()).run("merge-base", base, work);
        return new Span(mb.ok() ? mb.stdoutText().strip() : work, work);
    }

    private static Diff diff(String base, Span span, TreeDiff.Result result, List<Violation> violations, int limit) {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        for (Violation v : violations) {
            if (v.file() != null) {
                List<String> k = kinds.computeIfAbsent(v.file(), f -> new ArrayList<>());
                if (!k.contains(v.kind().wire())) {
                    k.add(v.kind().wire());
                }
            }
        }
        List<DiffRecord.File> files = new ArrayList<>();
        long added = 0;
        long deleted = 0;
        for (TreeDiff.File f : result.files()) {
            files.add(new DiffRecord.File(f.path().text(), f.status(), f.additions(), f.deletions(), f.binary(),
                    kinds.getOrDefault(f.path().text(), List.of())));
            added += f.additions();
            deleted += f.deletions();
        }
        byte[] patch = result.patch();
        boolean cut = patch.length > limit;
        String text = cut ? cut(patch, limit) : new String(patch, StandardCharsets.UTF_8);
        DiffRecord record = new DiffRecord(LedgerDocument.SCHEMA_VERSION, base, span.from(), span.to(), files.size(),
                added, deleted, patch.length, cut, limit == Integer.MAX_VALUE ? 0 : limit, files);
        return new Diff(record, text);
    }

    /** The patch's first lines that fit in {@code limit} bytes, and a last line that says it is cut. */
    static String cut(byte[] patch, int limit) {
        int end = limit;
        while (end > 0 && patch[end - 1] != '\n') {
            end--;
        }
        return new String(patch, 0, end, StandardCharsets.UTF_8) + "\n# wtcraft: the patch is cut here, at "
                + (limit / 1024) + " KiB of " + (patch.length / 1024) + " KiB; 'wtcraft diff' in the task's worktree"
                + " shows all of it\n";
    }
}
