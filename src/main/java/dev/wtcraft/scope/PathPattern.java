package dev.wtcraft.scope;

import java.util.regex.Pattern;

/**
 * One Scope or Off-limits item. Without `*` it names a path or a directory prefix (`?` and `[` are literal);
 * with `*` it is a shell glob over the whole path in which `*` also crosses `/` and `?`, `[...]` are live.
 */
public final class PathPattern {
    private final String item;
    private final String prefix;
    private final Pattern glob;
    /** Literal text every match must start and end with: most paths are ruled out without the regex. */
    private final String globHead;
    private final String globTail;

    private PathPattern(String item, String prefix, Pattern glob) {
        this.item = item;
        this.prefix = prefix;
        this.glob = glob;
        this.globHead = glob == null ? "" : literalRun(item);
        this.globTail = glob == null ? "" : new StringBuilder(literalRun(new StringBuilder(item).reverse().toString()))
                .reverse().toString();
    }

    /** The leading characters of a glob that can only match themselves. */
    private static String literalRun(String glob) {
        int i = 0;
        while (i < glob.length() && "*?[]\\".indexOf(glob.charAt(i)) < 0) {
            i++;
        }
        return glob.substring(0, i);
    }

    public static PathPattern compile(String item) {
        if (item.indexOf('*') < 0) {
            String p = item;
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            return new PathPattern(item, p, null);
        }
        return new PathPattern(item, null, Pattern.compile(globToRegex(item), Pattern.DOTALL));
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
                    && glob.matcher(path).matches();
        }
        if (prefix.isEmpty()) {
            return false;
        }
        return path.equals(prefix) || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
    }

    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            int end = c == '[' ? classEnd(glob, i) : -1;
            if (c == '*' || c == '?' || end >= 0) {
                flush(re, literal);
            }
            if (c == '*') {
                re.append(".*");
                i++;
            } else if (c == '?') {
                re.append('.');
                i++;
            } else if (end >= 0) {
                re.append(bracket(glob.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '\\' && i + 1 < glob.length()) {
                literal.append(glob.charAt(i + 1));
                i += 2;
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(re, literal);
        return re.toString();
    }

    private static void flush(StringBuilder re, StringBuilder literal) {
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    /** Index of the `]` closing a class opened at {@code open}, or -1 (then `[` is literal, as in bash). */
    private static int classEnd(String glob, int open) {
        int j = open + 1;
        if (j < glob.length() && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
            j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++;
        }
        while (j < glob.length()) {
            if (glob.charAt(j) == ']') {
                return j;
            }
            j++;
        }
        return -1;
    }

    private static String bracket(String body) {
        StringBuilder cls = new StringBuilder("[");
        int k = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            cls.append('^');
            k = 1;
        }
        for (; k < body.length(); k++) {
            char ch = body.charAt(k);
            if (ch == '-' && k > 0 && k < body.length() - 1) {
                cls.append('-');
            } else if (Character.isLetterOrDigit(ch)) {
                cls.append(ch);
            } else {
                cls.append('\\').append(ch);
            }
        }
        return cls.append(']').toString();
    }

    @Override
    public String toString() {
        return item;
    }
}
