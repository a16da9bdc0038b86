package dev.wtcraft.run;

import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.GitPath;
import dev.wtcraft.git.Landing;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.RunRecord;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The main checkout's uncommitted work. A task's worktree starts from its base's last commit, so what is edited
 * but not committed in the main checkout (an engine script, a fixture) is not in it. A
 * run says which files its tasks will not see; with `--include-uncommitted` it carries them into those tasks' base
 * as a commit of their own, on top of the branch's last commit, made with a private index so that the checkout,
 * its index and its branch are left exactly as they were.
 */
final class MainCheckout {
    private MainCheckout() {
    }

    /** The uncommitted files of the checked-out branch, the recipe among them when it is. */
    record Pending(String branch, List<String> files, String recipe) {
        /** The files worth naming: all but the recipe, which wtcraft reads from the checkout (a carry takes it too). */
        List<String> shown() {
            return files.stream().filter(f -> !f.equals(recipe)).toList();
        }

        String summary(int count) {
            List<String> named = shown();
            List<String> head = named.subList(0, Math.min(count, named.size()));
            return String.join(", ", head) + (named.size() > count ? " and " + (named.size() - count) + " more" : "");
        }
    }

    /**
     * What is uncommitted where the tasks start (named only when more than the recipe is, which wtcraft reads from
     * the checkout itself): the branch checked out in the main checkout, when some task of the
     * plan starts from it, and its changed and untracked files (git's ignore rules apply: build output is not
     * listed). Empty when the checkout is clean, detached, or no task starts from its branch.
     */
    static Optional<Pending> pending(RepoLayout layout, Plan plan, String defaultBase) {
        GitCli git = new GitCli(layout.root());
        var head = git.run("symbolic-ref", "-q", "--short", "HEAD");
        if (!head.ok()) {
            return Optional.empty();
        }
        String branch = head.stdoutText().strip();
        boolean startsThere = plan.order().stream()
                .anyMatch(t -> t.dependsOn().isEmpty() && branch.equals(Plan.base(t, defaultBase)));
        if (!startsThere) {
            return Optional.empty();
        }
        Set<String> files = new LinkedHashSet<>();
        if (git.succeeds("rev-parse", "-q", "--verify", "HEAD^{commit}")) {
            paths(git.bytes("diff", "--name-only", "--no-renames", "-z", "HEAD", "--"), files);
        }
        paths(git.bytes("ls-files", "-z", "--others", "--exclude-standard"), files);
        Pending pending = new Pending(branch, List.copyOf(files), recipeFile(layout, plan).orElse(null));
        return pending.shown().isEmpty() ? Optional.empty() : Optional.of(pending);
    }

    /** The recipe's path in the checkout, when it lies inside it. */
    private static Optional<String> recipeFile(RepoLayout layout, Plan plan) {
        var root = layout.root().toAbsolutePath().normalize();
        var file = plan.recipe().file().toAbsolutePath().normalize();
        return file.startsWith(root) ? Optional.of(root.relativize(file).toString().replace('\\', '/')) : Optional.empty();
    }

    /**
     * A commit of the pending work on top of its branch. Dated as the branch's last commit, so the same uncommitted
     * work makes the same commit and a resumed run sees the same base.
     */
    static RunRecord.Carried carry(RepoLayout layout, Pending pending) {
        GitCli git = new GitCli(layout.root());
        String parent = git.text("rev-parse", "HEAD").strip();
        String commit = new Landing(layout.root()).pendingWork(layout.root(),
                "wtcraft: the main checkout's uncommitted work on " + pending.branch()
                        + ", carried into the tasks' base (run --include-uncommitted)\n\n"
                        + String.join("\n", pending.files()) + "\n", List.of(), true);
        return new RunRecord.Carried(pending.branch(), parent, commit, pending.files());
    }

    /** The tasks that start from the carried commit: those without dependencies whose base is its branch. */
    static List<String> carriedInto(Plan plan, String defaultBase, RunRecord.Carried carried) {
        List<String> out = new ArrayList<>();
        for (TaskDef t : plan.order()) {
            if (t.dependsOn().isEmpty() && carried.branch().equals(Plan.base(t, defaultBase))) {
                out.add(t.name());
            }
        }
        return out;
    }

    private static void paths(byte[] nulSeparated, Set<String> into) {
        for (byte[] raw : GitCli.splitNul(nulSeparated)) {
            if (raw.length > 0) {
                into.add(GitPath.of(raw).text());
            }
        }
    }
}
