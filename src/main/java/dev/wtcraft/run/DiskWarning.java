package dev.wtcraft.run;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.git.WorktreeEntry;
import dev.wtcraft.io.ByteSize;
import dev.wtcraft.process.DiskUsage;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * doctor's disk check: what the linked worktrees take against the size the user set (`WTCRAFT_DISK_WARN`, else git
 * config `wtcraft.diskWarn`), the largest of them, and what `wtcraft clean` would reclaim.
 */
public record DiskWarning(String setting, long limitBytes, long worktreesBytes, List<Sized> largest,
                          long cleanReclaims) {
    public static final String ENV = "WTCRAFT_DISK_WARN";
    public static final String GIT_CONFIG = "wtcraft.diskWarn";
    private static final int LARGEST = 3;

    /** One worktree and what it takes. */
    public record Sized(Path worktree, String branch, long bytes) {
    }

    /** Empty when no limit is set; a value that is not a size is a one-line error naming the setting. */
    public static Optional<DiskWarning> check(RepoLayout layout, Map<String, String> env) {
        String setting = ENV;
        String written = env.get(ENV);
        if (written == null || written.isBlank()) {
            setting = GIT_CONFIG;
            var r = new GitCli(layout.root()).run("config", "--get", GIT_CONFIG);
            written = r.ok() ? r.stdoutText().strip() : null;
        }
        if (written == null || written.isBlank()) {
            return Optional.empty();
        }
        Long limit = ByteSize.parse(written);
        if (limit == null) {
            throw WtcraftException.fatal(setting + " is '" + written + "', which is not a size: write one like 20G, "
                    + "500M or 1.5T (binary units: G is 1024^3 bytes)");
        }
        List<WorktreeEntry> linked = layout.linked().stream().filter(w -> !w.prunable()).toList();
        Map<Path, Long> sizes = DiskUsage.of(linked.stream().map(WorktreeEntry::path).toList());
        List<Sized> all = linked.stream().map(w -> new Sized(w.path(), w.shortBranch(), sizes.get(w.path())))
                .sorted(Comparator.comparingLong(Sized::bytes).reversed()).toList();
        long total = all.stream().mapToLong(Sized::bytes).sum();
        long reclaims = 0;
        if (total > limit) {
            reclaims = CleanService.clean(layout, new CleanService.Options(false, null, true, false, null))
                    .reclaimedBytes();
        }
        return Optional.of(new DiskWarning(setting, limit, total, all.subList(0, Math.min(LARGEST, all.size())),
                reclaims));
    }

    public boolean over() {
        return worktreesBytes > limitBytes;
    }

    /** doctor's line. */
    public String line(Path root) {
        String head = "worktrees take " + ByteSize.format(worktreesBytes);
        if (!over()) {
            return head + ", within " + setting + " " + ByteSize.format(limitBytes);
        }
        String names = String.join(", ", largest.stream()
                .map(s -> relative(root, s.worktree()) + " " + ByteSize.format(s.bytes())).toList());
        return "WARNING: " + head + ", over " + setting + " " + ByteSize.format(limitBytes) + "; largest: " + names
                + "; " + (cleanReclaims > 0 ? "'wtcraft clean' reclaims " + ByteSize.format(cleanReclaims)
                : "'wtcraft clean' reclaims nothing yet (land the tasks with 'wtcraft finish', or 'wtcraft clean --force')")
                + ", 'wtcraft clean --dry-run' says what it keeps and why";
    }

    public Map<String, Object> toDocument() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("setting", setting);
        m.put("limit_bytes", limitBytes);
        m.put("worktrees_bytes", worktreesBytes);
        m.put("over", over());
        m.put("largest", largest.stream().map(s -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("worktree", s.worktree().toString());
            w.put("branch", s.branch());
            w.put("size_bytes", s.bytes());
            return w;
        }).toList());
        m.put("clean_command", "wtcraft clean");
        m.put("clean_reclaims_bytes", cleanReclaims);
        return m;
    }

    private static String relative(Path root, Path worktree) {
        return worktree.startsWith(root) ? root.relativize(worktree).toString() : worktree.toString();
    }
}
