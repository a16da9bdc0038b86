package dev.wtcraft.scope;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A pattern as bash matches it in {@code [[ $path == $pattern ]]}, the original tool's test: `*` any string (`/`
 * included), `?` one character, `[...]` a bracket expression (`!`/`^` negate, ranges, `[:class:]`), `\` escapes,
 * and the extended forms bash enables there: `?(a|b)`, `*(...)`, `+(...)`, `@(...)`, `!(...)`. Unterminated
 * brackets and groups are literal text.
 */
final class BashGlob {
    private sealed interface Node permits Lit, One, Star, Bracket, Group {
    }

    private record Lit(char c) implements Node {
    }

    private record One() implements Node {
    }

    private record Star() implements Node {
    }

    /** A bracket expression; {@code members} holds ranges as pairs (a single character is c..c). */
    private record Bracket(boolean negated, String members, List<String> classes) implements Node {
        boolean test(char c) {
            boolean in = false;
            for (int k = 0; k + 1 < members.length() && !in; k += 2) {
                in = c >= members.charAt(k) && c <= members.charAt(k + 1);
            }
            for (int k = 0; k < classes.size() && !in; k++) {
                in = inClass(classes.get(k), c);
            }
            return in != negated;
        }
    }

    /** An extended group: kind is one of ?*+@! and each alternative is a pattern of its own. */
    private record Group(char kind, List<List<Node>> alternatives) implements Node {
    }

    private final List<Node> nodes;

    private BashGlob(List<Node> nodes) {
        this.nodes = nodes;
    }

    static BashGlob compile(String pattern) {
        return new BashGlob(parse(pattern));
    }

    /** The literal characters every match starts with. */
    String head() {
        StringBuilder b = new StringBuilder();
        for (Node n : nodes) {
            if (!(n instanceof Lit lit)) {
                break;
            }
            b.append(lit.c());
        }
        return b.toString();
    }

    /** The literal characters every match ends with. */
    String tail() {
        if (nodes.stream().allMatch(n -> n instanceof Lit)) {
            return ""; // all literal: the head already says everything
        }
        StringBuilder b = new StringBuilder();
        for (int i = nodes.size() - 1; i >= 0 && nodes.get(i) instanceof Lit lit; i--) {
            b.append(lit.c());
        }
        return b.reverse().toString();
    }

    boolean matches(String s) {
        return match(nodes, 0, s, 0, s.length(), new BitSet());
    }

    /** Whether nodes[i..] match s[j..end); failed (i, j) pairs are remembered so stars cannot go exponential. */
    private static boolean match(List<Node> p, int i, String s, int j, int end, BitSet failed) {
        int width = end + 1;
        while (i < p.size()) {
            Node n = p.get(i);
            if (n instanceof Star) {
                if (i == p.size() - 1) {
                    return true;
                }
                for (int k = j; k <= end; k++) {
                    if (!failed.get((i + 1) * width + k) && match(p, i + 1, s, k, end, failed)) {
                        return true;
                    }
                    failed.set((i + 1) * width + k);
                }
                return false;
            }
            if (n instanceof Group g) {
                return group(p, i, g, s, j, end, failed);
            }
            if (j >= end) {
                return false;
            }
            char c = s.charAt(j);
            boolean ok = n instanceof One || (n instanceof Lit lit && lit.c() == c)
                    || (n instanceof Bracket br && br.test(c));
            if (!ok) {
                return false;
            }
            i++;
            j++;
        }
        return j == end;
    }

    private static boolean group(List<Node> p, int i, Group g, String s, int j, int end, BitSet failed) {
        int width = end + 1;
        if ((g.kind() == '?' || g.kind() == '*') && rest(p, i, s, j, end, failed)) {
            return true;
        }
        for (int k = j; k <= end; k++) {
            boolean any = anyAlternative(g, s, j, k);
            switch (g.kind()) {
                case '!' -> {
                    if (!any && rest(p, i, s, k, end, failed)) {
                        return true;
                    }
                }
                case '?', '@' -> {
                    if (any && rest(p, i, s, k, end, failed)) {
                        return true;
                    }
                }
                case '*', '+' -> {
                    // one more repetition (never empty, or it would loop), then the same group again as `*`
                    if (any && k > j) {
                        List<Node> again = new ArrayList<>(p);
                        again.set(i, new Group('*', g.alternatives()));
                        if (match(again, i, s, k, end, new BitSet())) {
                            return true;
                        }
                    } else if (any && g.kind() == '+' && rest(p, i, s, k, end, failed)) {
                        return true;
                    }
                }
                default -> throw new IllegalStateException("unknown group kind " + g.kind());
            }
        }
        return false;
    }

    private static boolean rest(List<Node> p, int i, String s, int k, int end, BitSet failed) {
        int key = (i + 1) * (end + 1) + k;
        if (failed.get(key)) {
            return false;
        }
        boolean ok = match(p, i + 1, s, k, end, failed);
        if (!ok) {
            failed.set(key);
        }
        return ok;
    }

    private static boolean anyAlternative(Group g, String s, int from, int to) {
        for (List<Node> alt : g.alternatives()) {
            if (match(alt, 0, s, from, to, new BitSet())) {
                return true;
            }
        }
        return false;
    }

    private static List<Node> parse(String p) {
        List<Node> out = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            int close = "?*+@!".indexOf(c) >= 0 && i + 1 < p.length() && p.charAt(i + 1) == '(' ? groupEnd(p, i + 1) : -1;
            if (close >= 0) {
                List<List<Node>> alts = new ArrayList<>();
                for (String alt : alternatives(p.substring(i + 2, close))) {
                    alts.add(parse(alt));
                }
                out.add(new Group(c, alts));
                i = close + 1;
            } else if ("?*".indexOf(c) >= 0 && i + 1 < p.length() && p.charAt(i + 1) == '(') {
                out.add(new Lit(c)); // an unterminated group: bash takes even its `*` or `?` literally
                i++;
            } else if (c == '\\' && i + 1 < p.length()) {
                out.add(new Lit(p.charAt(i + 1)));
                i += 2;
            } else if (c == '*') {
                if (out.isEmpty() || !(out.get(out.size() - 1) instanceof Star)) {
                    out.add(new Star());
                }
                i++;
            } else if (c == '?') {
                out.add(new One());
                i++;
            } else if (c == '[' && bracketEnd(p, i) >= 0) {
                int end = bracketEnd(p, i);
                out.add(bracket(p.substring(i + 1, end)));
                i = end + 1;
            } else {
                out.add(new Lit(c));
                i++;
            }
        }
        return out;
    }

    /** The `)` closing the group opened at {@code open}, or -1 (then the text is literal). */
    private static int groupEnd(String p, int open) {
        int depth = 0;
        for (int k = open; k < p.length(); k++) {
            char c = p.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '[' && bracketEnd(p, k) >= 0) {
                k = bracketEnd(p, k);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    /** A group's body split at its top-level `|`. */
    private static List<String> alternatives(String body) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '[' && bracketEnd(body, k) >= 0) {
                k = bracketEnd(body, k);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(body.substring(start, k));
                start = k + 1;
            }
        }
        out.add(body.substring(start));
        return out;
    }

    /** Index of the `]` closing a bracket expression opened at {@code open}, or -1 (then `[` is literal). */
    private static int bracketEnd(String p, int open) {
        int j = open + 1;
        if (j < p.length() && (p.charAt(j) == '!' || p.charAt(j) == '^')) {
            j++;
        }
        if (j < p.length() && p.charAt(j) == ']') {
            j++;
        }
        while (j < p.length()) {
            char c = p.charAt(j);
            if (c == ']') {
                return j;
            }
            if (c == '[' && j + 1 < p.length() && ":=.".indexOf(p.charAt(j + 1)) >= 0) {
                int close = p.indexOf(p.charAt(j + 1) + "]", j + 2);
                if (close < 0) {
                    return -1;
                }
                j = close + 2;
            } else {
                j += c == '\\' ? 2 : 1;
            }
        }
        return -1;
    }

    private static Bracket bracket(String body) {
        boolean negated = !body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^');
        int k = negated ? 1 : 0;
        StringBuilder ranges = new StringBuilder();
        List<String> classes = new ArrayList<>();
        while (k < body.length()) {
            char c = body.charAt(k);
            if (c == '[' && k + 1 < body.length() && ":=.".indexOf(body.charAt(k + 1)) >= 0) {
                char kind = body.charAt(k + 1);
                int close = body.indexOf(kind + "]", k + 2);
                String name = body.substring(k + 2, close);
                if (kind == ':') {
                    classes.add(name);
                } else {
                    name.chars().forEach(ch -> ranges.append((char) ch).append((char) ch));
                }
                k = close + 2;
                continue;
            }
            if (c == '\\' && k + 1 < body.length()) {
                c = body.charAt(++k);
            }
            if (k + 2 < body.length() && body.charAt(k + 1) == '-') {
                char hi = body.charAt(k + 2);
                if (hi == '\\' && k + 3 < body.length()) {
                    hi = body.charAt(k + 3);
                    k++;
                }
                ranges.append(c).append(hi);
                k += 3;
            } else {
                ranges.append(c).append(c);
                k++;
            }
        }
        return new Bracket(negated, ranges.toString(), List.copyOf(classes));
    }

    private static boolean inClass(String name, char c) {
        return switch (name) {
            case "alpha" -> Character.isLetter(c);
            case "digit" -> c >= '0' && c <= '9';
            case "alnum" -> Character.isLetterOrDigit(c);
            case "word" -> Character.isLetterOrDigit(c) || c == '_';
            case "upper" -> Character.isUpperCase(c);
            case "lower" -> Character.isLowerCase(c);
            case "space" -> c == ' ' || (c >= '\t' && c <= '\r') || Character.isWhitespace(c);
            case "blank" -> c == ' ' || c == '\t';
            case "punct" -> c < 128 && c > 32 && c != 127 && !Character.isLetterOrDigit(c);
            case "xdigit" -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            case "cntrl" -> Character.isISOControl(c);
            case "graph" -> c > 32 && c != 127 && !Character.isISOControl(c) && !Character.isWhitespace(c);
            case "print" -> c >= 32 && c != 127 && !Character.isISOControl(c);
            default -> false;
        };
    }
}
