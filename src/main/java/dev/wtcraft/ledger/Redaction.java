package dev.wtcraft.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets out of everything wtcraft writes: the values of the variables a recipe declares `secret` (registered
 * when a run starts, for the life of the process: a secret seen once is redacted everywhere this process writes),
 * and the common shapes of credentials, whoever's they are. Each becomes `[REDACTED:NAME]` before a ledger file,
 * an event or a progress line is written.
 */
public final class Redaction {
    /**
     * A credential shape, the name it is redacted under, and literal text every match contains (in any case when
     * {@code anyCase}): a shape's pattern runs only on text that holds one of its anchors, and one scan finds them
     * all. This runs for every line an agent prints, and almost none holds a credential.
     */
    private record Shape(String name, Pattern pattern, List<String> anchors, boolean anyCase) {
        Shape(String name, Pattern pattern, List<String> anchors) {
            this(name, pattern, anchors, false);
        }
    }

    /** An anchor of shape number {@code shape}, filed under its first character. */
    private record Anchor(String text, int shape, boolean anyCase) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("private-key", Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)"),
                    List.of("-----BEGIN ")),
            new Shape("anthropic-key", Pattern.compile("sk-ant-[A-Za-z0-9_-]{20,}"), List.of("sk-ant-")),
            new Shape("openai-key", Pattern.compile("sk-(?:proj-)?[A-Za-z0-9_-]{20,}"), List.of("sk-")),
            new Shape("github-token", Pattern.compile("(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
                    List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")),
            new Shape("aws-access-key", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), List.of("AKIA", "ASIA")),
            new Shape("google-api-key", Pattern.compile("AIza[0-9A-Za-z_-]{35}"), List.of("AIza")),
            new Shape("slack-token", Pattern.compile("xox[abprs]-[A-Za-z0-9-]{10,}"), List.of("xox")),
            new Shape("bearer-token", Pattern.compile("(?i)(?<=bearer )[A-Za-z0-9._~+/-]{16,}=*"),
                    List.of("bearer "), true),
            new Shape("jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
                    List.of("eyJ")));
    /** Anchors by their first character (ASCII: every anchor starts with one). */
    private static final Anchor[][] BY_FIRST = new Anchor[128][];

    static {
        for (int n = 0; n < SHAPES.size(); n++) {
            Shape s = SHAPES.get(n);
            for (String a : s.anchors()) {
                java.util.Set<Character> firsts = new java.util.LinkedHashSet<>(List.of(a.charAt(0)));
                if (s.anyCase()) {
                    firsts.add(Character.toUpperCase(a.charAt(0)));
                }
                for (char c : firsts) {
                    Anchor[] old = BY_FIRST[c] == null ? new Anchor[0] : BY_FIRST[c];
                    Anchor[] grown = java.util.Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = new Anchor(a, n, s.anyCase());
                    BY_FIRST[c] = grown;
                }
            }
        }
    }

    private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
    private static final Pattern KEY_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY-----");
    /** Values shorter than this are not redacted: "1" or "on" would blank out half a log. */
    private static final int MIN_SECRET = 4;

    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>(); // value -> name
    /** The secrets, longest value first (so that one secret inside another is not half replaced); kept sorted. */
    private static volatile List<Map.Entry<String, String>> byLength = List.of();

    private Redaction() {
    }

    /** Registers a secret's value under its variable's name. */
    public static synchronized void secret(String name, String value) {
        if (value != null && value.length() >= MIN_SECRET) {
            SECRETS.put(value, name);
            List<Map.Entry<String, String>> sorted = new ArrayList<>(SECRETS.entrySet());
            sorted.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
            byLength = List.copyOf(sorted);
        }
    }

    /** The text with every registered secret and every credential shape replaced. */
    public static String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, String> e : byLength) {
            if (out.contains(e.getKey())) {
                out = out.replace(e.getKey(), "[REDACTED:" + e.getValue() + "]");
            }
        }
        long candidates = candidates(out);
        for (int n = 0; candidates != 0 && n < SHAPES.size(); n++) {
            if ((candidates & (1L << n)) == 0) {
                continue;
            }
            Shape s = SHAPES.get(n);
            Matcher m = s.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(Matcher.quoteReplacement("[REDACTED:" + s.name() + "]"));
            }
        }
        return out;
    }

    /**
     * The shapes whose anchors the text holds, as bits by shape number: one pass over the text, and for the few
     * characters an anchor starts with, a look at the anchors filed under it. Kept flat and small: the launcher
     * runs the client compiler only, which inlines little.
     */
    private static long candidates(String text) {
        long found = 0;
        for (int i = 0, n = text.length() - 1; i < n; i++) {
            char c = text.charAt(i);
            if (c < 128 && BY_FIRST[c] != null) {
                found |= anchorsAt(text, i, BY_FIRST[c]);
            }
        }
        return found;
    }

    private static long anchorsAt(String text, int at, Anchor[] anchors) {
        long found = 0;
        for (Anchor a : anchors) {
            if (text.regionMatches(a.anyCase(), at, a.text(), 0, a.text().length())) {
                found |= 1L << a.shape();
            }
        }
        return found;
    }

    /** Every string inside maps and lists, redacted (an event's data before it is written). */
    @SuppressWarnings("unchecked")
    public static Object deep(Object value) {
        if (value instanceof String s) {
            return apply(s);
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, deep(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(deep(v)));
            return out;
        }
        return value;
    }

    /**
     * For a stream of lines, what one line alone cannot show: the lines of a private key between its BEGIN and
     * END lines are replaced whole. Every other line is returned as it is, to be redacted where it is written.
     */
    public static final class Lines {
        private boolean inKey;

        public synchronized String apply(String line) {
            if (inKey) {
                if (KEY_END.matcher(line).find()) {
                    inKey = false;
                }
                return "[REDACTED:private-key]";
            }
            if (line.contains("-----BEGIN ") && KEY_BEGIN.matcher(line).find() && !KEY_END.matcher(line).find()) {
                inKey = true;
            }
            return line;
        }
    }
}
