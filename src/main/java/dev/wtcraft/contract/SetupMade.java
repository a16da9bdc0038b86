package dev.wtcraft.contract;

import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.io.JsonText;
import dev.wtcraft.io.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ignored files a task's setup made (`copy '.env.example', to: '.env'`, a link, an install), each with what it
 * held then, kept beside the task's sign-off in the git directory (read-only to a sandboxed engine). Check does not
 * hold them to Off-limits while they are unchanged: the setup made them, not the engine; one the engine changed is
 * judged like any other.
 */
public final class SetupMade {
    private SetupMade() {
    }

    /**
     * Records what the setup made in {@code worktree}: the ignored entries check will judge, as it names them (a
     * wholly ignored directory ends in /).
     */
    public static void record(RepoLayout layout, String branch, Path worktree, List<String> ignored) {
        Map<String, Object> made = new TreeMap<>();
        for (String path : ignored) {
            String print = fingerprint(worktree, path);
            if (print != null) {
                made.put(path, print);
            }
        }
        AtomicFiles.write(file(layout, branch), JsonText.write(made) + "\n");
    }

    /** Forgets it (a task without a setup, or one whose worktree is gone). */
    public static void remove(RepoLayout layout, String branch) {
        try {
            Files.deleteIfExists(file(layout, branch));
        } catch (IOException e) {
            // a stale record exempts only files that still hold exactly what it says
        }
    }

    /** The entries of {@code ignored} the setup made and nobody changed since. */
    public static List<String> unchanged(RepoLayout layout, String branch, Path worktree, List<String> ignored) {
        Path file = file(layout, branch);
        if (branch == null || ignored.isEmpty() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        Map<?, ?> made;
        try {
            made = (Map<?, ?>) JsonText.parse(Files.readString(file));
        } catch (IOException | ClassCastException e) {
            return List.of(); // unreadable: nothing is exempt
        }
        List<String> out = new ArrayList<>();
        for (String path : ignored) {
            Object print = made.get(path);
            if (print != null && print.equals(fingerprint(worktree, path))) {
                out.add(path);
            }
        }
        return out;
    }

    /** A link's target, a file's hash, or a directory as such (its contents are not compared); null when absent. */
    private static String fingerprint(Path worktree, String path) {
        Path p = worktree.resolve(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        try {
            if (Files.isSymbolicLink(p)) {
                return "link " + Files.readSymbolicLink(p);
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return path.endsWith("/") ? "directory" : null;
            }
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                Sha256 h = new Sha256();
                byte[] buffer = new byte[1 << 16];
                try (var in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        h.bytes(buffer, 0, n);
                    }
                }
                return "file " + h.hex();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    static Path file(RepoLayout layout, String branch) {
        return SignOff.file(layout, branch).resolveSibling(branch.replace('/', '~') + ".setup.json");
    }
}
