package dev.wtcraft.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets out of everything wtcraft writes: the values of the variables a recipe declares `secret` (registered
 * when a run starts, for the life of the process: a secret seen once is redacted everywhere this process writes),
 * each line of a multi-line one too (a stream is written line by line), and the common shapes of credentials,
 * whoever's they are. Each becomes `[REDACTED:NAME]` before a ledger file, an event or a progress line is written.
 */
public final class Redaction {
    /**
     * A credential shape, the name it is redacted under, and literal text every match contains (in any case when
     * {@code anyCase}): a shape's pattern runs only on text that holds one of its anchors, and one scan finds them
     * all. This runs for every line an agent prints, and almost none holds a credential.
     */
    private record Shape(String name, Pattern pattern, List<String> anchors, boolean anyCase) {
        Shape(String name, String pattern, String... anchors) {
            this(name, Pattern.compile(pattern), List.of(anchors), false);
        }
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("private-key", "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)", "-----BEGIN "),
            new Shape("anthropic-key", "sk-ant-[A-Za-z0-9_-]{20,}", "sk-ant-"),
            new Shape("openai-key", "sk-(?:proj-)?[A-Za-z0-9_-]{20,}", "sk-"),
            new Shape("github-token", "(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})",
                    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
            new Shape("gitlab-token", "\\bgl(?:pat|dt|rt|cbt|ptt|ft|imt|agent|oas|soat|ffct)-[0-9A-Za-z_-]{20,}|\\bGR1348941[0-9A-Za-z_-]{20,}",
                    "glpat-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-", "glimt-", "glagent-", "gloas-", "glsoat-", "glffct-", "GR1348941"),
            new Shape("npm-token", "\\bnpm_[A-Za-z0-9]{36}", "npm_"),
            new Shape("aws-access-key", "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", "AKIA", "ASIA"),
            new Shape("aws-secret-key", Pattern.compile("(?i)(?<=(?:aws_secret_access_key|secretaccesskey)[\"']?\\s{0,4}[:=]\\s{0,4}[\"']?)[A-Za-z0-9/+=]{40}"),
                    List.of("ecret_access_key", "ecretaccesskey"), true),
            new Shape("google-api-key", "AIza[0-9A-Za-z_-]{35}", "AIza"),
            new Shape("google-oauth", "\\bGOCSPX-[A-Za-z0-9_-]{28}|\\bya29\\.[0-9A-Za-z_-]{20,}|\\b1//0[0-9A-Za-z_-]{40,}", "GOCSPX-", "ya29.", "1//0"),
            new Shape("gcp-private-key-id", "(?<=\"private_key_id\"\\s{0,4}:\\s{0,4}\")[0-9a-f]{40}", "private_key_id"),
            new Shape("azure-storage-key", "(?<=AccountKey=|SharedAccessKey=)[A-Za-z0-9+/]{40,}={0,2}|(?<=[?&]sig=)[A-Za-z0-9%+/=]{40,}",
                    "AccountKey=", "SharedAccessKey=", "sig="),
            new Shape("azure-client-secret", "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}", "Q~"),
            new Shape("slack-token", "xox(?:[abeoprs]|e\\.xox[bp])-[A-Za-z0-9-]{10,}", "xox"),
            new Shape("slack-webhook", "hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9+/_-]{20,}", "hooks.slack.com/"),
            new Shape("stripe-key", "\\b[rs]k_(?:live|test)_[0-9A-Za-z]{20,}", "sk_live_", "sk_test_", "rk_live_", "rk_test_"),
            new Shape("huggingface-token", "\\bhf_[A-Za-z0-9]{30,}", "hf_"),
            new Shape("pypi-token", "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}", "pypi-AgEIcHlwaS5vcmc"),
            new Shape("docker-token", "\\bdckr_pat_[A-Za-z0-9_-]{20,}", "dckr_pat_"),
            new Shape("digitalocean-token", "\\bdo[opr]_v1_[a-f0-9]{64}", "dop_v1_", "doo_v1_", "dor_v1_"),
            new Shape("shopify-token", "\\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}", "shpat_", "shpca_", "shppa_", "shpss_"),
            new Shape("sendgrid-key", "\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}", "SG."),
            new Shape("atlassian-token", "\\bATATT3[A-Za-z0-9_=-]{100,}", "ATATT3"),
            new Shape("vault-token", "\\bhv[sbr]\\.[A-Za-z0-9_-]{24,}", "hvs.", "hvb.", "hvr."),
            new Shape("grafana-token", "\\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|\\bglc_[A-Za-z0-9+/]{32,}={0,2}", "glsa_", "glc_"),
            new Shape("sentry-token", "\\bsntry[su]_[A-Za-z0-9+/=_]{40,}", "sntrys_", "sntryu_"),
            new Shape("age-secret-key", "AGE-SECRET-KEY-1[0-9A-Z]{58}", "AGE-SECRET-KEY-1"),
            new Shape("linear-key", "\\blin_api_[A-Za-z0-9]{40}", "lin_api_"),
            new Shape("databricks-token", "\\bdapi[0-9a-f]{32}", "dapi"),
            new Shape("newrelic-key", "\\bNRAK-[A-Z0-9]{27}", "NRAK-"),
            new Shape("postman-key", "\\bPMAK-[0-9a-f]{24}-[0-9a-f]{34}", "PMAK-"),
            new Shape("telegram-bot-token", "\\b\\d{8,10}:AA[0-9A-Za-z_-]{33}", ":AA"),
            new Shape("bearer-token", Pattern.compile("(?i)(?<=bearer )[A-Za-z0-9._~+/-]{16,}=*"), List.of("bearer "), true),
            new Shape("basic-auth", Pattern.compile("(?i)(?<=authorization: basic )[A-Za-z0-9+/]{8,}=*"), List.of("authorization: basic "), true),
            new Shape("url-password", "(?<=://[^/\\s:@]{1,128}:)[^/\\s@]{3,}(?=@)", "://"),
            new Shape("jwt", "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", "eyJ"));
    /** Every shape's anchors, found in one pass: a bit per shape number. */
    private static final AnchorScan ANCHORS = anchors();

    private static AnchorScan anchors() {
        if (SHAPES.size() > 64) {
            throw new IllegalStateException("the candidate scan keeps one bit per shape: at most 64");
        }
        List<AnchorScan.Anchor> all = new ArrayList<>();
        for (int n = 0; n < SHAPES.size(); n++) {
            for (String a : SHAPES.get(n).anchors()) {
                all.add(new AnchorScan.Anchor(a, n, SHAPES.get(n).anyCase()));
            }
        }
        return new AnchorScan(all);
    }

    private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
    private static final Pattern KEY_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY-----");
    /** Values shorter than this are not redacted: "1" or "on" would blank out half a log. */
    private static final int MIN_SECRET = 4;

    /** A secret's text (a whole value, one of its lines, or either as JSON escapes it) and the variable it is of. */
    private record Secret(String text, String name) {
    }

    /**
     * The registered secrets, indexed for one pass over a text: a bit per hash of the first two characters, and
     * the secrets under each hash, longest first (so that one secret inside another is not half replaced).
     */
    private record Secrets(long[] pairs, Secret[][] byPair, List<Secret> longestFirst) {
        static final Secrets NONE = new Secrets(new long[0], new Secret[0][], List.of());

        static Secrets of(Collection<Secret> all) {
            List<Secret> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.comparingInt((Secret s) -> s.text().length()).reversed());
            long[] pairs = new long[PAIRS / 64];
            List<List<Secret>> lists = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                lists.add(null);
            }
            for (Secret s : sorted) {
                int h = pair(s.text(), 0);
                pairs[h >>> 6] |= 1L << h;
                if (lists.get(h) == null) {
                    lists.set(h, new ArrayList<>());
                }
                lists.get(h).add(s);
            }
            Secret[][] byPair = new Secret[PAIRS][];
            for (int i = 0; i < PAIRS; i++) {
                byPair[i] = lists.get(i) == null ? null : lists.get(i).toArray(Secret[]::new);
            }
            return new Secrets(pairs, byPair, List.copyOf(sorted));
        }
    }

    private static final int PAIRS = 1 << 14;

    private static int pair(String text, int at) {
        return (text.charAt(at) * 31 + text.charAt(at + 1)) & (PAIRS - 1);
    }

    private static final Map<String, Secret> REGISTERED = new LinkedHashMap<>(); // text -> secret
    private static volatile Secrets secrets = Secrets.NONE;

    private Redaction() {
    }

    /** Registers a secret's value under its variable's name, and each of its lines when it has several. */
    public static synchronized void secret(String name, String value) {
        if (value == null || value.length() < MIN_SECRET) {
            return;
        }
        List<String> texts = new ArrayList<>(List.of(value));
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            for (String line : value.split("\\R")) {
                texts.add(line.strip());
            }
        }
        for (String t : List.copyOf(texts)) {
            String escaped = jsonEscaped(t);
            if (!escaped.equals(t)) {
                texts.add(escaped); // an agent's own JSON stream carries it escaped
            }
        }
        for (String t : texts) {
            if (t.length() >= MIN_SECRET) {
                REGISTERED.putIfAbsent(t, new Secret(t, name));
            }
        }
        secrets = Secrets.of(REGISTERED.values());
    }

    /**
     * Registers the values of the named variables that {@code env} sets (what a task declares `secret`), so that a
     * document shown before a run (a plan) redacts them as the ledger will; names env does not set are passed over.
     */
    public static void secrets(Collection<String> names, Map<String, String> env) {
        for (String name : names) {
            secret(name, env.get(name));
        }
    }

    /** The text with every registered secret and every credential shape replaced: the same instance when none is there. */
    public static String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Secrets known = secrets;
        String out = known.longestFirst().isEmpty() ? text : replaceSecrets(text, known);
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

    /** One pass finds which secrets occur (by their first two characters, then in full); those are replaced. */
    private static String replaceSecrets(String text, Secrets known) {
        List<Secret> found = null;
        long[] pairs = known.pairs();
        for (int i = 0, n = text.length() - 1; i < n; i++) {
            int h = pair(text, i);
            if ((pairs[h >>> 6] & (1L << h)) != 0) {
                for (Secret s : known.byPair()[h]) {
                    if (text.startsWith(s.text(), i)) {
                        if (found == null) {
                            found = new ArrayList<>();
                        }
                        if (!found.contains(s)) {
                            found.add(s);
                        }
                    }
                }
            }
        }
        if (found == null) {
            return text;
        }
        String out = text;
        for (Secret s : known.longestFirst()) {
            if (found.contains(s) && out.contains(s.text())) {
                out = out.replace(s.text(), "[REDACTED:" + s.name() + "]");
            }
        }
        return out;
    }

    /** The shapes whose anchors the text holds, as bits by shape number (one pass over it). */
    private static long candidates(String text) {
        return ANCHORS.scan(text);
    }

    private static String jsonEscaped(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
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
