package dev.wtcraft.scope;

import java.util.List;

/**
 * The violations read off the worktree itself rather than from the patterns: changes git acts on (attributes,
 * modules, submodule pointers) and symlinks that lead out of the worktree. With {@link ScopeVerdict} (the patterns)
 * and {@link Violation#gitInternals} (the git directory), every kind of violation is found in this package.
 */
public final class WorktreeViolations {
    private WorktreeViolations() {
    }

    /**
     * Changes git acts on rather than stores: `.gitattributes` (filters run commands on checkout), `.gitmodules`
     * and submodule pointers (code from elsewhere). Allowed only where Scope names the exact path.
     */
    public static List<Violation> gitMetadata(java.nio.file.Path worktree, List<String> changed, List<String> scope) {
        List<Violation> out = new java.util.ArrayList<>();
        java.util.Set<String> named = new java.util.HashSet<>();
        scope.forEach(s -> named.add(s.endsWith("/") ? s.substring(0, s.length() - 1) : s));
        for (String file : changed) {
            if (named.contains(file)) {
                continue;
            }
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (name.equals(".gitattributes") || name.equals(".gitmodules")) {
                out.add(new Violation(ViolationKind.GIT_METADATA, file, null,
                        "Git metadata changed: " + file + " (it changes what git runs or fetches; name it in Scope to allow it)"));
            } else if (java.nio.file.Files.isDirectory(worktree.resolve(file), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                out.add(new Violation(ViolationKind.GIT_METADATA, file, null,
                        "Submodule pointer changed: " + file + " (name it in Scope to allow it)"));
            }
        }
        return out;
    }

    /**
     * Changed paths that are symlinks resolving outside the worktree: a way around every pattern. Only paths that
     * may be links are looked at: the scan already read the kind of every tracked change and untracked file.
     */
    public static List<Violation> escapes(java.nio.file.Path worktree, List<String> changed,
                                   java.util.function.Predicate<String> maybeSymlink) {
        List<Violation> out = new java.util.ArrayList<>();
        java.nio.file.Path root = worktree.toAbsolutePath().normalize();
        for (String file : changed) {
            if (!maybeSymlink.test(file)) {
                continue;
            }
            java.nio.file.Path link = root.resolve(file);
            if (!java.nio.file.Files.isSymbolicLink(link)) {
                continue;
            }
            try {
                java.nio.file.Path target = java.nio.file.Files.readSymbolicLink(link);
                java.nio.file.Path resolved = link.getParent().resolve(target).normalize();
                if (!resolved.startsWith(root)) {
                    out.add(new Violation(ViolationKind.PATH_ESCAPE, file, null,
                            "Path escapes the worktree: " + file + " -> " + target));
                }
            } catch (java.io.IOException | RuntimeException e) {
                out.add(new Violation(ViolationKind.PATH_ESCAPE, file, null,
                        "Path escapes the worktree: " + file + " is a symlink that cannot be read"));
            }
        }
        return out;
    }
}
