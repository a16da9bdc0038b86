package dev.wtcraft.engine;

import dev.wtcraft.git.GitCli;
import dev.wtcraft.ledger.BundleManifest;
import dev.wtcraft.process.Exec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A bundle's `change.patch` as untrusted input: before git sees it to apply, every path it names (in its own
 * headers, and as git itself reads them) must stay inside the worktree and out of any `.git` directory, it may
 * create no symbolic link or submodule, and it must touch exactly the files its manifest lists.
 */
final class BundlePatch {
    private static final Set<String> MODE_WORDS = Set.of("old mode ", "new mode ", "new file mode ",
            "deleted file mode ");
    /** ` create mode M path`, ` delete mode M path`, ` mode change M => N path` of `git apply --summary`. */
    private static final java.util.regex.Pattern SUMMARY_MODES =
            java.util.regex.Pattern.compile("^ (?:create mode|delete mode|mode change) ([0-7]+)(?: => ([0-7]+))? ");
    private static final List<String> NAME_WORDS = List.of("rename from ", "rename to ", "copy from ", "copy to ");

    private BundlePatch() {
    }

    static void requireSafe(Path file, ReplayBundle bundle) {
        String text = new String(bundle.patch(), StandardCharsets.ISO_8859_1);
        int headers = 0;
        boolean header = false;
        for (String full : text.split("\n", -1)) {
            String line = full.endsWith("\r") ? full.substring(0, full.length() - 1) : full;
            if (line.startsWith("diff --git ")) {
                headers++;
                header = true;
                if (!line.startsWith("diff --git a/") && !line.startsWith("diff --git \"a/")) {
                    throw ReplayBundle.refuse(file, "change.patch has a file header that names no a/ path: "
                            + ReplayBundle.printable(utf8(line)));
                }
                continue;
            }
            if (!header) {
                continue;
            }
            if (line.startsWith("@@") || line.startsWith("GIT binary patch")) {
                header = false;
            } else if (line.startsWith("--- ") || line.startsWith("+++ ")) {
                String name = name(line.substring(4));
                if (!name.equals("/dev/null")) {
                    if (!name.startsWith("a/") && !name.startsWith("b/")) {
                        throw ReplayBundle.refuse(file, "change.patch names '" + ReplayBundle.printable(name)
                                + "' without its a/ or b/ prefix");
                    }
                    requirePath(file, name.substring(2));
                }
            } else if (NAME_WORDS.stream().anyMatch(line::startsWith)) {
                requirePath(file, name(line.substring(line.indexOf(' ', line.indexOf(' ') + 1) + 1)));
            } else if (MODE_WORDS.stream().anyMatch(w -> line.startsWith(w) && special(line.substring(w.length())))) {
                throw notRegular(file, utf8(line));
            } else if (line.startsWith("index ")) {
                String[] words = line.strip().split("\\s+"); // index OLD..NEW [MODE]
                if (words.length >= 3 && special(words[2])) {
                    throw notRegular(file, utf8(line));
                }
            }
        }
        for (String line : git(file, bundle.patch(), "--summary").stdoutText().split("\n")) { // git's own reading
            java.util.regex.Matcher m = SUMMARY_MODES.matcher(line);
            if (m.find() && (special(m.group(1)) || m.group(2) != null && special(m.group(2)))) {
                throw notRegular(file, line.strip());
            }
        }
        List<String> read = gitPaths(file, bundle.patch());
        for (String p : read) {
            requirePath(file, p);
        }
        Set<String> listed = new TreeSet<>(); // git names a rename by its new path
        for (BundleManifest.File f : bundle.manifest().files()) {
            listed.add(f.path());
            requirePath(file, f.path());
            if (f.oldPath() != null) {
                requirePath(file, f.oldPath());
            }
        }
        if (headers != bundle.manifest().files().size() || !new TreeSet<>(read).equals(listed)) {
            throw ReplayBundle.refuse(file, "change.patch does not touch exactly the files its manifest lists:"
                    + " the bundle was altered (export it again)");
        }
    }

    /** Whether a mode, as git reads one (octal, leading zeros allowed), is a symbolic link's or a submodule's. */
    static boolean special(String mode) {
        String digits = mode.strip().replaceFirst("[^0-7].*$", "");
        if (digits.isEmpty() || digits.length() > 11) {
            return false;
        }
        long m = Long.parseLong(digits, 8) & 0170000;
        return m == 0120000 || m == 0160000;
    }

    private static dev.wtcraft.WtcraftException notRegular(Path file, String line) {
        return ReplayBundle.refuse(file, "change.patch makes a symbolic link or a submodule ("
                + ReplayBundle.printable(line) + "); a bundle may change only regular files");
    }

    /** The paths git reads from the patch, through its own parser: what it would write. */
    private static List<String> gitPaths(Path file, byte[] patch) {
        if (patch.length == 0) {
            return List.of();
        }
        Exec.Result r = git(file, patch, "--numstat", "-z");
        List<String> paths = new ArrayList<>();
        List<byte[]> items = GitCli.splitNul(r.stdout());
        for (int i = 0; i < items.size(); i++) {
            String[] parts = new String(items.get(i), StandardCharsets.UTF_8).split("\t", 3);
            if (parts.length == 3 && !parts[2].isEmpty()) {
                paths.add(parts[2]);
            } else if (i + 2 < items.size()) {
                paths.add(new String(items.get(++i), StandardCharsets.UTF_8));
                paths.add(new String(items.get(++i), StandardCharsets.UTF_8));
            }
        }
        return paths;
    }

    /** git's own reading of the patch (--numstat, --summary), outside any repository; refused when git cannot read it. */
    private static Exec.Result git(Path file, byte[] patch, String... how) {
        if (patch.length == 0) {
            return new Exec.Result(0, new byte[0], "");
        }
        // outside any repository: inside one, git leaves out the paths outside the directory it runs in
        Path dir;
        try {
            dir = java.nio.file.Files.createTempDirectory("wtcraft-bundle-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Exec.Result r;
        try {
            List<String> args = new ArrayList<>(List.of("apply"));
            args.addAll(List.of(how));
            args.add("-");
            r = new GitCli(dir).run(Map.of("GIT_CEILING_DIRECTORIES", dir.getParent().toString()), patch,
                    args.toArray(String[]::new));
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(dir);
            } catch (java.io.IOException e) {
                // an empty temporary directory left behind
            }
        }
        if (!r.ok()) {
            throw ReplayBundle.refuse(file, "change.patch is not a patch git can read ("
                    + GitCli.firstLine(r.stderr(), "git apply failed") + ")");
        }
        return r;
    }

    /** A path of the change: relative, inside the worktree, never into a `.git` directory. */
    static void requirePath(Path file, String path) {
        String why = null;
        if (path.isEmpty()) {
            why = "an empty path";
        } else if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.startsWith("\\")) {
            why = "the absolute path '" + path + "'";
        } else {
            for (String part : path.split("[/\\\\]", -1)) {
                String bare = part.toLowerCase(Locale.ROOT).replaceAll("[. ]+$", "");
                if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                    why = "the path '" + path + "', which leaves the worktree or is not a plain relative path";
                    break;
                }
                if (bare.equals(".git") || bare.equals("git~1")) {
                    why = "the path '" + path + "', inside a .git directory";
                    break;
                }
            }
        }
        if (why != null) {
            throw ReplayBundle.refuse(file, "change.patch names " + ReplayBundle.printable(why)
                    + "; a bundle may change only files inside the worktree");
        }
    }

    /**
     * Where the base a task starts from holds what the change starts from: empty when it does; else the first file
     * that differs (the same commit always matches).
     */
    static Optional<String> baseMismatch(GitCli git, String commit, BundleManifest m) {
        if (commit.equals(m.baseCommit()) || m.files().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> expected = new HashMap<>();
        for (BundleManifest.File f : m.files()) {
            switch (f.status()) {
                case ADDED -> expected.put(f.path(), null);
                case RENAMED -> {
                    expected.put(f.oldPath(), f.oldMode() + " " + f.oldBlob());
                    expected.putIfAbsent(f.path(), null);
                }
                default -> expected.put(f.path(), f.oldMode() + " " + f.oldBlob());
            }
        }
        List<String> args = new ArrayList<>(List.of("ls-tree", "-r", "-z", "--full-tree", commit, "--"));
        args.addAll(expected.keySet());
        Exec.Result r = git.run(Map.of("GIT_LITERAL_PATHSPECS", "1"), null, args.toArray(String[]::new));
        if (!r.ok()) {
            return Optional.of("git cannot list the base (" + GitCli.firstLine(r.stderr(), "git ls-tree failed") + ")");
        }
        Map<String, String> actual = new HashMap<>();
        for (byte[] item : GitCli.splitNul(r.stdout())) {
            String entry = new String(item, StandardCharsets.UTF_8);
            int tab = entry.indexOf('\t');
            String[] meta = entry.substring(0, tab).split(" ");
            actual.put(entry.substring(tab + 1), meta[0] + " " + meta[2]);
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(expected).entrySet()) {
            String has = actual.get(e.getKey());
            if (e.getValue() == null ? has != null : !e.getValue().equals(has)) {
                return Optional.of(e.getKey() + (e.getValue() == null ? " already exists there"
                        : has == null ? " is missing there" : " differs there") + " (the bundle's change starts from "
                        + (e.getValue() == null ? "no such file" : "the file as commit " + m.baseCommit().substring(0, 12)
                        + " holds it") + ")");
            }
        }
        return Optional.empty();
    }

    /** Applies the change to the worktree with git; empty when it applied, else git's reason. */
    static Optional<String> apply(Path worktree, byte[] patch) {
        if (patch.length == 0) {
            return Optional.empty();
        }
        GitCli git = new GitCli(worktree);
        for (boolean check : new boolean[] {true, false}) {
            List<String> args = new ArrayList<>(List.of("-c", "apply.ignoreWhitespace=no", "apply",
                    "--whitespace=nowarn"));
            if (check) {
                args.add("--check");
            }
            args.add("-");
            Exec.Result r = git.run(patch, args.toArray(String[]::new));
            if (!r.ok()) {
                return Optional.of(GitCli.firstLine(r.stderr(), "git apply failed with exit code " + r.exitCode()));
            }
        }
        return Optional.empty();
    }

    /** A header's file name: as written, or C-quoted as git quotes unusual names; a trailing tab dropped. */
    static String name(String raw) {
        String s = raw.endsWith("\t") ? raw.substring(0, raw.length() - 1) : raw;
        if (!s.startsWith("\"")) {
            return utf8(s);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                break;
            }
            if (c != '\\' || i + 1 >= s.length()) {
                out.write(c);
                continue;
            }
            char n = s.charAt(++i);
            if (n >= '0' && n <= '7' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i, i + 3), 8));
                i += 2;
            } else {
                out.write(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'a' -> 7;
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> 11;
                    default -> n;
                });
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
