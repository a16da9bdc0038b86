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

    private PathPattern(String item, String prefix, Pattern glob) {
        this.item = item;
        this.prefix = prefix;
        this.glob = glob;
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

    /** The item as written in the contract. */
    public String item() {
        return item;
    }

    public boolean matches(String path) {
        if (glob != null) {
            return glob.matcher(path).matches();
        }
        if (prefix.isEmpty()) {
            return false;
        }
        return path.equals(prefix) || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
    }

    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    re.append(".*");
                    i++;
                }
                case '?' -> {
                    re.append('.');
                    i++;
                }
                case '[' -> {
                    int end = classEnd(glob, i);
                    if (end < 0) {
                        re.append("\\[");
                        i++;
                    } else {
                        re.append(bracket(glob.substring(i + 1, end)));
                        i = end + 1;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                        i += 2;
                    } else {
                        re.append("\\\\");
                        i++;
                    }
                }
                default -> {
                    re.append(Pattern.quote(String.valueOf(c)));
                    i++;
                }
            }
        }
        return re.toString();
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
