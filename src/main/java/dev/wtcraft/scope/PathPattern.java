package dev.wtcraft.scope;

/**
 * One Scope or Off-limits item, matched as the original tool matches it. Without `*`: one trailing `/` is dropped
 * ({@code ${p%/}}) and the item names that exact path or anything under it (`?` and `[` are literal). With `*`:
 * the whole path against a bash pattern ({@link BashGlob}) in which `*` also crosses `/`.
 */
public final class PathPattern {
    private final String item;
    private final String prefix;
    private final BashGlob glob;
    /** Literal text every match must start and end with: most paths are ruled out without the matcher. */
    private final String globHead;
    private final String globTail;

    private PathPattern(String item, String prefix, BashGlob glob) {
        this.item = item;
        this.prefix = prefix;
        this.glob = glob;
        this.globHead = glob == null ? "" : glob.head();
        this.globTail = glob == null ? "" : glob.tail();
    }

    public static PathPattern compile(String item) {
        if (item.indexOf('*') < 0) {
            return new PathPattern(item, item.endsWith("/") ? item.substring(0, item.length() - 1) : item, null);
        }
        return new PathPattern(item, null, BashGlob.compile(item));
    }

    public boolean isGlob() {
        return glob != null;
    }

    /** The literal text every match starts with: the path itself without `*`, else the glob's head. */
    public String literalHead() {
        return glob == null ? prefix : globHead;
    }

    /** The literal text every glob match ends with ("" without `*`). */
    public String literalTail() {
        return glob == null ? "" : globTail;
    }

    /** The item as written in the contract. */
    public String item() {
        return item;
    }

    public boolean matches(String path) {
        if (glob != null) {
            return path.startsWith(globHead) && path.endsWith(globTail)
                    && path.length() >= globHead.length() + globTail.length()
                    && glob.matches(path);
        }
        if (prefix.isEmpty()) {
            return false;
        }
        return path.equals(prefix) || (path.startsWith(prefix) && path.length() > prefix.length()
                && path.charAt(prefix.length()) == '/');
    }

    @Override
    public String toString() {
        return item;
    }
}
