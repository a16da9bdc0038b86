package dev.wtcraft.git;

import dev.wtcraft.io.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a task must never change in the git directory, taken before its engine runs and compared after: the hooks,
 * the config, every ref but the run's own task branches, and which branch the worktree is on. Where a sandbox holds
 * the git directory read-only this only confirms it; without one it is how a change is seen at all.
 */
public final class GitInternals {
    private GitInternals() {
    }

    /** Each watched thing and its hash (or target). */
    public record Snapshot(Map<String, String> entries) {
    }

    /**
     * @param worktree   the task's worktree (its HEAD, and git commands, run there)
     * @param ownRefs    refs the run itself moves (its task branches): left out
     */
    public static Snapshot take(Path worktree, Set<String> ownRefs) {
        GitCli git = new GitCli(worktree);
        Path common = Path.of(git.text("rev-parse", "--path-format=absolute", "--git-common-dir").strip());
        Map<String, String> e = new TreeMap<>();
        for (String file : List.of("config", "info/attributes", "commondir")) {
            Path p = common.resolve(file);
            e.put(file, hash(p));
        }
        Path hooks = common.resolve("hooks");
        if (Files.isDirectory(hooks)) {
            try (Stream<Path> list = Files.list(hooks)) {
                list.forEach(p -> e.put("hooks/" + p.getFileName(), hash(p)));
            } catch (IOException ex) {
                e.put("hooks/", "unreadable");
            }
        }
        for (String line : git.text("for-each-ref", "--format=%(refname) %(objectname)").split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0 && !ownRefs.contains(line.substring(0, sp))) {
                e.put("ref " + line.substring(0, sp), line.substring(sp + 1));
            }
        }
        var head = git.run("symbolic-ref", "-q", "HEAD");
        e.put("HEAD", head.ok() ? head.stdoutText().strip() : "detached");
        return new Snapshot(e);
    }

    /** What changed, one line each: "hook pre-commit added", "ref refs/heads/main moved", "config changed". */
    public static List<String> changes(Snapshot before, Snapshot after) {
        List<String> out = new ArrayList<>();
        Set<String> keys = new java.util.TreeSet<>(before.entries().keySet());
        keys.addAll(after.entries().keySet());
        for (String k : keys) {
            String a = before.entries().get(k);
            String b = after.entries().get(k);
            if (java.util.Objects.equals(a, b)) {
                continue;
            }
            String what = k.startsWith("hooks/") ? "hook " + k.substring(6) : k;
            if (k.equals("HEAD")) {
                out.add("the worktree's HEAD moved from " + a + " to " + b);
            } else if (a == null || a.equals("missing")) {
                out.add(what + " added");
            } else if (b == null || b.equals("missing")) {
                out.add(what + " removed");
            } else {
                out.add(what + (k.startsWith("ref ") ? " moved" : " changed"));
            }
        }
        return out;
    }

    private static String hash(Path p) {
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return "missing";
            }
            if (Files.isSymbolicLink(p)) {
                return "link " + Files.readSymbolicLink(p);
            }
            return Files.isRegularFile(p) ? new Sha256().bytes(Files.readAllBytes(p)).hex()
                    + (Files.isExecutable(p) ? " x" : "") : "not a file";
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
