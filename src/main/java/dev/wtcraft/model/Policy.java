package dev.wtcraft.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * `policy { allow 'npm test'; ask 'npm install *'; deny 'git push*' }`: which commands a task's verification steps,
 * shell engine and agents may run. A pattern matches the whole command, `*` standing for any text. `deny` wins over
 * `ask`, `ask` over `allow`; a command no pattern matches is allowed.
 */
public record Policy(List<String> allow, List<String> ask, List<String> deny) {
    public Policy {
        allow = List.copyOf(allow);
        ask = List.copyOf(ask);
        deny = List.copyOf(deny);
    }

    /** What the policy says of a command, and the pattern that said it (null when none matched). */
    public record Decision(Kind kind, String rule) {
    }

    public enum Kind {
        ALLOW, ASK, DENY;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Decision decide(String command) {
        String c = command.strip();
        for (String p : deny) {
            if (matches(p, c)) {
                return new Decision(Kind.DENY, p);
            }
        }
        for (String p : ask) {
            if (matches(p, c)) {
                return new Decision(Kind.ASK, p);
            }
        }
        for (String p : allow) {
            if (matches(p, c)) {
                return new Decision(Kind.ALLOW, p);
            }
        }
        return new Decision(Kind.ALLOW, null);
    }

    /** Whether a pattern (`*` = any text) matches the whole command. */
    public static boolean matches(String pattern, String command) {
        String regex = java.util.Arrays.stream(pattern.strip().split("\\*", -1))
                .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
                .collect(java.util.stream.Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.DOTALL).matcher(command.strip()).matches();
    }

    /** This policy, then another's rules after it (the recipe's default, then the task's own). */
    public Policy plus(Policy other) {
        if (other == null) {
            return this;
        }
        List<String> a = new ArrayList<>(allow);
        a.addAll(other.allow);
        List<String> k = new ArrayList<>(ask);
        k.addAll(other.ask);
        List<String> d = new ArrayList<>(deny);
        d.addAll(other.deny);
        return new Policy(a, k, d);
    }

    /** The contract's `## Policy` lines. */
    public List<String> contractLines() {
        List<String> lines = new ArrayList<>();
        deny.forEach(p -> lines.add("deny: " + p));
        ask.forEach(p -> lines.add("ask: " + p));
        allow.forEach(p -> lines.add("allow: " + p));
        return lines;
    }
}
