package dev.wtcraft.task;

import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `init`: the ignore rules that keep local task files, run ledgers and task worktrees out of commits. */
public final class IgnoreRules {
    public static final List<String> RULES = List.of(
            "/" + TaskFiles.TASK_FILE,
            "/" + TaskFiles.STATE_FILE,
            "/.wtcraft/runs/",
            "/" + RepoLayout.WORKTREES_DIR + "/");
    private static final String HEADER = "# wtcraft: local task contracts, run ledgers and task worktrees";

    private IgnoreRules() {
    }

    /** What init did: the file it looked at and the rules it added (empty when already up to date). */
    public record Result(Path file, List<String> added) {
    }

    public static Result apply(RepoLayout layout, boolean local) {
        Path file = local
                ? dev.wtcraft.git.GitDirs.of(layout.root()).resolve("info").resolve("exclude")
                : layout.root().resolve(".gitignore");
        String existing;
        try {
            existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> present = existing.lines().map(String::strip).toList();
        List<String> missing = new ArrayList<>();
        for (String rule : RULES) {
            if (!present.contains(rule)) {
                missing.add(rule);
            }
        }
        if (missing.isEmpty()) {
            return new Result(file, List.of());
        }
        StringBuilder text = new StringBuilder(existing);
        if (!existing.isEmpty() && !existing.endsWith("\n")) {
            text.append('\n');
        }
        if (!present.contains(HEADER)) {
            text.append(existing.isEmpty() ? "" : "\n").append(HEADER).append('\n');
        }
        missing.forEach(r -> text.append(r).append('\n'));
        AtomicFiles.write(file, text.toString());
        return new Result(file, List.copyOf(missing));
    }
}
