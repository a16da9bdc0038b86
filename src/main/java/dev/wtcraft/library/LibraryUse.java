package dev.wtcraft.library;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One `use 'SOURCE@REF', as: 'NAME'` of a recipe's `libraries` block.
 *
 * @param name   the name the recipe calls it by
 * @param source a git URL, or a path (relative to the recipe's directory), as written
 * @param ref    a tag, branch or commit; HEAD (the source's default branch) when none is written
 */
public record LibraryUse(String name, String source, String ref) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*|^[^/]+:.*");
    private static final Pattern BAD_REF = Pattern.compile("(^[-.])|\\.\\.|[\\s~^:?*\\[\\\\]|@\\{|(\\.lock$)|(/$)");

    /** Reads {@code 'SOURCE@REF'}; {@code as} may be null (the repository's name then). */
    public static LibraryUse parse(String spec, String as) {
        String s = spec.strip();
        String source = s;
        String ref = "HEAD";
        int at = s.lastIndexOf('@');
        if (at > Math.max(s.lastIndexOf('/'), s.lastIndexOf(':'))) {
            source = s.substring(0, at);
            ref = s.substring(at + 1);
            if (ref.isEmpty()) {
                throw new LibraryException("library '" + spec + "' has an empty ref after '@': write a tag, branch or commit");
            }
        }
        if (source.isEmpty()) {
            throw new LibraryException("library '" + spec + "' names no source: write a git URL or path, like 'https://git.example.com/acme/recipes.git@v1.0'");
        }
        if (BAD_REF.matcher(ref).find()) {
            throw new LibraryException("library '" + spec + "': '" + ref + "' is not a valid git ref");
        }
        String name = as != null ? as : defaultName(source);
        if (!NAME.matcher(name).matches()) {
            throw new LibraryException(as != null
                    ? "library name '" + as + "' is not a valid name: use letters, digits and _ (not first), like as: 'acme'"
                    : "library '" + spec + "' needs a name: its repository name '" + name + "' is not one; add as: 'acme'");
        }
        return new LibraryUse(name, source, ref);
    }

    private static String defaultName(String source) {
        String s = source;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf(':')) + 1);
        return s.endsWith(".git") ? s.substring(0, s.length() - 4) : s;
    }

    /** Whether the source is a URL (or scp-like host:path) rather than a local path. */
    public boolean remote() {
        return isRemote(source);
    }

    /** Whether a source as written is a URL (or scp-like host:path) rather than a local path. */
    public static boolean isRemote(String source) {
        return URL.matcher(source).matches();
    }

    /** What git is handed: the URL, or the path resolved against the recipe's directory. */
    public String location(Path recipeDir) {
        return remote() ? source : recipeDir.toAbsolutePath().resolve(source).normalize().toString();
    }

    /** Whether the ref is a full commit id (then there is nothing to resolve, and nothing can move). */
    public boolean pinnedToCommit() {
        return ref.matches("[0-9a-f]{40}");
    }

    @Override
    public String toString() {
        return source + "@" + ref;
    }
}
