package dev.wtcraft.git;

import dev.wtcraft.process.Exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place that decides how wtcraft's git may behave where an engine has been. What an engine can write
 * (the worktree: `.gitattributes`, `.gitmodules`, nested repositories and their configs; without a sandbox also
 * the repository's config, its includes and hooks) names programs for git to run: hooks, core.fsmonitor, filter,
 * textconv, diff and merge drivers, pagers, editors, signing programs, transports. So every call carries, on its
 * command line (which beats every config file, and reaches the git processes git starts itself through
 * GIT_CONFIG_PARAMETERS):
 * <ul>
 *   <li>settings that switch those programs off, whatever any config says;</li>
 *   <li>for the commands that can read file contents through attributes, every filter, diff and merge driver the
 *       configuration defines, neutralized by name (a driver does nothing unless configured, and its name comes
 *       from attributes the engine writes, so the configuration is where the names are found);</li>
 *   <li>flags that keep status and diff out of submodules and nested repositories (a nested repository's own
 *       config is never read for a command).</li>
 * </ul>
 */
final class GitHardening {
    private GitHardening() {
    }

    /** The git binary: resolved once, from the absolute PATH entries only (a relative one would be the worktree's). */
    static final String GIT = resolve(System.getenv("PATH"));

    /** Variables every call gets: no prompts, no pager, no editor, the real objects (no replace refs or grafts). */
    static final Map<String, String> ENV = Map.of(
            "GIT_TERMINAL_PROMPT", "0",
            "GIT_OPTIONAL_LOCKS", "0",
            "LC_ALL", "C",
            "GIT_PAGER", "cat",
            "GIT_EDITOR", "true",
            "GIT_SEQUENCE_EDITOR", "true",
            "GIT_NO_REPLACE_OBJECTS", "1",
            "GIT_GRAFT_FILE", "/dev/null");

    /** On every call. Each names a program git would otherwise take from a config an engine may have written. */
    static final List<String> ALWAYS = List.of(
            "core.quotepath=off",
            "core.hooksPath=/dev/null",        // no hook runs: post-commit runs even under `commit --no-verify`
            "core.fsmonitor=false",            // the fsmonitor is a command run by status, diff, add
            "core.pager=cat",
            "core.editor=true",
            "sequence.editor=true",
            "commit.gpgSign=false",            // gpg.program is a command
            "tag.gpgSign=false",
            "log.showSignature=false",
            "merge.verifySignatures=false",
            "gc.auto=0",                       // no background gc or maintenance started by a command
            "maintenance.auto=false",
            "submodule.recurse=false",         // checkout, reset, merge never enter a submodule
            "fetch.recurseSubmodules=false",
            "diff.ignoreSubmodules=dirty",     // gitlink pointers still count; what is inside them is never asked
            "status.submoduleSummary=false");

    /** Besides, on every call that has no business with a remote: no transport at all (ssh, proxies, helpers). */
    static final List<String> LOCAL = List.of("protocol.allow=never", "credential.helper=", "core.sshCommand=false",
            "core.askPass=false");

    /** Commands that talk to a library's source: they keep the user's transports and credentials. */
    private static final Set<String> REMOTE = Set.of("fetch", "ls-remote");

    /**
     * Commands that never read a worktree file's content through attributes, so no driver can run; every other
     * command (status, diff, add, commit, checkout, merge, rebase, worktree add, merge-tree, ...) gets the drivers
     * neutralized.
     */
    private static final Set<String> NO_CONTENT = Set.of("rev-parse", "for-each-ref", "symbolic-ref", "show-ref",
            "update-ref", "merge-base", "config", "init", "ls-tree", "ls-remote", "fetch", "check-ignore", "branch",
            "write-tree", "commit-tree", "rev-list", "--version", "version");

    /** Config keys whose value is a program, by section: every such key the configuration defines is overridden. */
    private static final Map<String, Map<String, String>> DRIVERS = Map.of(
            // an empty command is no filter; `required` would otherwise fail the command instead
            "filter", Map.of("clean", "", "smudge", "", "process", "", "required", "false"),
            // an empty textconv is none; an empty external diff command fails the diff rather than run anything
            "diff", Map.of("textconv", "", "command", ""),
            // the built-in three-way text merge, as the driver: what git does for a file no driver names
            "merge", Map.of("driver", (GIT.matches("[A-Za-z0-9/._+-]+") ? GIT : "git") + " merge-file --marker-size=%L %A %O %B"));

    /**
     * The whole command line for one call: git, the hardening, then the caller's arguments (with flags added).
     *
     * @param drivers the driver overrides for {@code dir} ({@link #neutralizedDrivers}), asked for only by a
     *                command that reads file contents
     */
    static List<String> command(Path dir, List<String> args, java.util.function.Supplier<List<String>> drivers) {
        int at = subcommandIndex(args);
        String sub = at < args.size() ? args.get(at) : "";
        List<String> cmd = new ArrayList<>(args.size() + 48);
        cmd.add(GIT);
        for (String c : ALWAYS) {
            cmd.add("-c");
            cmd.add(c);
        }
        if (!REMOTE.contains(sub)) {
            for (String c : LOCAL) {
                cmd.add("-c");
                cmd.add(c);
            }
        }
        if (!NO_CONTENT.contains(sub) && !(sub.equals("worktree") && readsNoContent(args, at))
                && !(sub.equals("cat-file") && !args.contains("--filters") && !args.contains("--textconv"))) {
            cmd.addAll(drivers.get());
        }
        cmd.addAll(args.subList(0, Math.min(at + 1, args.size())));
        cmd.addAll(flags(sub, args));
        if (at + 1 < args.size()) {
            cmd.addAll(args.subList(at + 1, args.size()));
        }
        return cmd;
    }

    /** Where the subcommand is: after the caller's own `-c key=value` (and other) global options. */
    private static int subcommandIndex(List<String> args) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("--version")) {
            i += args.get(i).equals("-c") || args.get(i).equals("-C") ? 2 : 1;
        }
        return i;
    }

    /** `worktree list` and `worktree prune` read no file; `worktree add` checks one out, `remove` asks status. */
    private static boolean readsNoContent(List<String> args, int at) {
        String verb = at + 1 < args.size() ? args.get(at + 1) : "";
        return verb.equals("list") || verb.equals("prune");
    }

    /** Flags that keep a command from entering a submodule or running an external diff or textconv program. */
    private static List<String> flags(String sub, List<String> args) {
        boolean own = args.stream().anyMatch(a -> a.startsWith("--ignore-submodules"));
        return switch (sub) {
            case "status" -> own ? List.of() : List.of("--ignore-submodules=dirty");
            case "diff" -> own ? List.of("--no-ext-diff", "--no-textconv")
                    : List.of("--ignore-submodules=dirty", "--no-ext-diff", "--no-textconv");
            case "log", "show" -> List.of("--no-ext-diff", "--no-textconv");
            default -> List.of();
        };
    }

    /**
     * `-c` overrides for every filter, diff and merge driver the configuration seen from this directory defines
     * (system, global, the repository's, the worktree's, and what they include). A name git's command line cannot
     * carry (one with `=`) is refused rather than left working.
     */
    static List<String> neutralizedDrivers(Path dir) {
        List<String> listing = new ArrayList<>(List.of(GIT));
        for (String c : ALWAYS) {
            listing.add("-c");
            listing.add(c);
        }
        listing.addAll(List.of("config", "--list", "--name-only", "-z"));
        Exec.Result r = Exec.run(dir, listing, ENV, null);
        if (!r.ok()) {
            throw new GitException("cannot read git's configuration in " + dir + ": "
                    + GitCli.firstLine(r.stderr(), "git config --list failed with exit code " + r.exitCode()));
        }
        Set<String> out = new LinkedHashSet<>();
        for (byte[] raw : GitCli.splitNul(r.stdout())) {
            String key = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
            int first = key.indexOf('.');
            int last = key.lastIndexOf('.');
            if (first < 0 || last <= first) {
                continue;
            }
            Map<String, String> keys = DRIVERS.get(key.substring(0, first));
            if (keys == null) {
                continue;
            }
            String driver = key.substring(first + 1, last);
            if (driver.indexOf('=') >= 0) {
                throw new GitException("the git configuration names a " + key.substring(0, first) + " driver '" + driver
                        + "' that wtcraft cannot switch off (its name holds '='): remove it from the configuration");
            }
            String section = key.substring(0, first);
            keys.forEach((name, value) -> out.add(section + "." + driver + "." + name + "=" + value));
        }
        List<String> args = new ArrayList<>(out.size() * 2);
        for (String o : out) {
            args.add("-c");
            args.add(o);
        }
        return args;
    }

    private static String resolve(String path) {
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (entry.startsWith("/")) {
                    Path git = Path.of(entry, "git");
                    if (Files.isRegularFile(git) && Files.isExecutable(git)) {
                        return git.toString();
                    }
                }
            }
        }
        return "git";
    }
}
