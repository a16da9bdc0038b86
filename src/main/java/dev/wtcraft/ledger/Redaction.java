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
    /** A credential shape and the name it is redacted under. */
    private record Shape(String name, Pattern pattern) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("private-key", Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)")),
            new Shape("anthropic-key", Pattern.compile("sk-ant-[A-Za-z0-9_-]{20,}")),
            new Shape("openai-key", Pattern.compile("sk-(?:proj-)?[A-Za-z0-9_-]{20,}")),
            new Shape("github-token", Pattern.compile("(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})")),
            new Shape("aws-access-key", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
            new Shape("google-api-key", Pattern.compile("AIza[0-9A-Za-z_-]{35}")),
            new Shape("slack-token", Pattern.compile("xox[abprs]-[A-Za-z0-9-]{10,}")),
            new Shape("bearer-token", Pattern.compile("(?i)(?<=bearer )[A-Za-z0-9._~+/-]{16,}=*")),
            new Shape("jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")));
    private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
    private static final Pattern KEY_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY-----");
    /** Values shorter than this are not redacted: "1" or "on" would blank out half a log. */
    private static final int MIN_SECRET = 4;

    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>(); // value -> name

    private Redaction() {
    }

    /** Registers a secret's value under its variable's name. */
    public static void secret(String name, String value) {
        if (value != null && value.length() >= MIN_SECRET) {
            SECRETS.put(value, name);
        }
    }

    /** The text with every registered secret and every credential shape replaced. */
    public static String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (!SECRETS.isEmpty()) {
            List<Map.Entry<String, String>> byLength = new ArrayList<>(SECRETS.entrySet());
            byLength.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
            for (Map.Entry<String, String> e : byLength) {
                if (out.contains(e.getKey())) {
                    out = out.replace(e.getKey(), "[REDACTED:" + e.getValue() + "]");
                }
            }
        }
        for (Shape s : SHAPES) {
            Matcher m = s.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(Matcher.quoteReplacement("[REDACTED:" + s.name() + "]"));
            }
        }
        return out;
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

    /** For a stream of lines: a private key's lines between BEGIN and END are redacted too. */
    public static final class Lines {
        private boolean inKey;

        public synchronized String apply(String line) {
            if (inKey) {
                if (KEY_END.matcher(line).find()) {
                    inKey = false;
                }
                return "[REDACTED:private-key]";
            }
            if (KEY_BEGIN.matcher(line).find() && !KEY_END.matcher(line).find()) {
                inKey = true;
            }
            return Redaction.apply(line);
        }
    }
}
