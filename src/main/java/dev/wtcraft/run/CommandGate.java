package dev.wtcraft.run;

import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.model.Policy;
import dev.wtcraft.process.CommandWords;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's policy applied to the commands wtcraft itself starts (verification steps, the shell engine): `deny`
 * refuses, `ask` asks the terminal or takes a `--approve` pattern and otherwise refuses, anything else runs. Every
 * decision is a `policy.decision` event.
 *
 * <p>A pattern is matched against every simple command the line runs, as the shell would split it
 * ({@link CommandWords}): `git  push`, `/usr/bin/git push`, `true && git push`, `env git push`, `(git push)`,
 * `$(git push)` and `bash -c 'git push'` all run `git push`; and against the whole line, as written. A line that
 * cannot be read as commands (an unclosed quote, a program named by a variable) is refused when the policy has
 * `deny` rules and asked about when it has `ask` rules, unless an `allow` rule names the whole line.
 */
final class CommandGate {
    private final Policy policy;
    private final List<String> approvals;
    private final Predicate<String> asker;
    private final EventLog events;

    /** @param asker asks the person at the terminal; false when there is none */
    CommandGate(Policy policy, List<String> approvals, Predicate<String> asker, EventLog events) {
        this.policy = policy;
        this.approvals = approvals;
        this.asker = asker;
        this.events = events;
    }

    /**
     * What the policy says of a line.
     *
     * @param rule       the pattern that decided (null: none, or the line could not be read)
     * @param matched    the command of the line the rule matched (the line itself when it matched whole)
     * @param unreadable why the line cannot be read as commands, when that decided
     */
    record Judgement(Policy.Kind kind, String rule, String matched, String unreadable) {
    }

    static Judgement judge(Policy policy, String line) {
        CommandWords.Commands parsed = CommandWords.of(line);
        String whole = line.strip().replaceAll("\\s+", " ");
        for (String p : policy.deny()) {
            String hit = match(p, parsed, whole);
            if (hit != null) {
                return new Judgement(Policy.Kind.DENY, p, hit, null);
            }
        }
        boolean unreadable = parsed.unreadable() != null
                && policy.allow().stream().noneMatch(p -> matches(normalize(p), whole, false));
        if (unreadable && !policy.deny().isEmpty()) {
            return new Judgement(Policy.Kind.DENY, null, whole, parsed.unreadable());
        }
        for (String p : policy.ask()) {
            String hit = match(p, parsed, whole);
            if (hit != null) {
                return new Judgement(Policy.Kind.ASK, p, hit, null);
            }
        }
        if (unreadable && !policy.ask().isEmpty()) {
            return new Judgement(Policy.Kind.ASK, null, whole, parsed.unreadable());
        }
        for (String p : policy.allow()) {
            String hit = match(p, parsed, whole);
            if (hit != null) {
                return new Judgement(Policy.Kind.ALLOW, p, hit, null);
            }
        }
        return new Judgement(Policy.Kind.ALLOW, null, whole, null);
    }

    /** The first of the line's commands the pattern matches (the line, if it matches whole), or null. */
    private static String match(String pattern, CommandWords.Commands parsed, String whole) {
        String p = normalize(pattern);
        if (matches(p, whole, false)) {
            return whole;
        }
        for (CommandWords.Command c : parsed.commands()) {
            if (matches(p, c.text(), c.open())) {
                return c.text() + (c.open() ? " ..." : "");
            }
        }
        return null;
    }

    /** A pattern as commands are compared: blanks collapsed, its program reduced to a name as theirs are. */
    private static String normalize(String pattern) {
        String p = pattern.strip().replaceAll("\\s+", " ");
        int space = p.indexOf(' ');
        String program = space < 0 ? p : p.substring(0, space);
        if (program.contains("/") && !program.contains("*")) {
            p = program.substring(program.lastIndexOf('/') + 1) + (space < 0 ? "" : p.substring(space));
        }
        return p;
    }

    /**
     * Whether the pattern (`*` = any text) matches the whole text; for an open command (more arguments follow that
     * the line does not show) whether it could, given some.
     */
    private static boolean matches(String pattern, String text, boolean open) {
        String regex = java.util.Arrays.stream(pattern.split("\\*", -1))
                .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
                .collect(java.util.stream.Collectors.joining(".*"));
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(open ? text + " " : text);
        return m.matches() || open && m.hitEnd();
    }

    /** Null when the command may run, else why not. */
    String refusal(String command, String what) {
        if (policy == null) {
            return null;
        }
        Judgement j = judge(policy, command);
        String rule = j.rule() == null ? null : "'" + j.rule() + "'";
        String which = j.matched().equals(command.strip().replaceAll("\\s+", " ")) ? "" : " matches `" + j.matched() + "`";
        String decision;
        String by;
        String refusal = null;
        switch (j.kind()) {
            case DENY -> {
                decision = "deny";
                by = j.unreadable() == null ? "rule" : "unreadable";
                refusal = j.unreadable() == null ? "refused by policy (deny " + rule + which + ")"
                        : "refused by policy: it has deny rules, and this line cannot be read as commands (" + j.unreadable() + ")";
            }
            case ASK -> {
                String approval = approvals.stream().filter(a -> matches(normalize(a), j.matched(), false)
                        || matches(normalize(a), command.strip(), false)).findFirst().orElse(null);
                String asking = j.unreadable() == null ? "policy: ask " + rule + which
                        : "policy: ask, and the line cannot be read as commands: " + j.unreadable();
                if (approval != null) {
                    decision = "allow";
                    by = "--approve " + approval;
                } else if (asker.test("wtcraft: " + what + " wants to run `" + command + "` (" + asking + "). Run it?")) {
                    decision = "allow";
                    by = "terminal";
                } else {
                    decision = "deny";
                    by = "not approved (no terminal to ask, and no --approve pattern matches)";
                    refusal = "refused by policy (" + (j.unreadable() == null ? "ask " + rule + which : asking)
                            + ", not approved: run on a terminal, or with --approve '" + (j.rule() == null ? command.strip() : j.rule()) + "')";
                }
            }
            case ALLOW -> {
                decision = "allow";
                by = j.rule() == null ? "no rule" : "rule";
            }
            default -> throw new IllegalStateException(j.kind().name());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("command", command);
        event.put("for", what);
        event.put("rule", j.rule() == null ? null : j.kind().wire() + " " + j.rule());
        event.put("decision", decision);
        event.put("by", by);
        if (!which.isEmpty() && j.rule() != null) {
            event.put("matched", j.matched());
        }
        if (j.unreadable() != null) {
            event.put("unreadable", j.unreadable());
        }
        events.append("policy.decision", event);
        return refusal;
    }

    /** A verification step's argv, or one that says why it was refused and fails (exit 126). */
    List<String> gateStep(List<String> argv) {
        String command = argv.get(argv.size() - 1);
        String refusal = refusal(command, "verification");
        if (refusal == null) {
            return argv;
        }
        List<String> refused = new ArrayList<>(List.of("sh", "-c", "printf '%s\\n' \"$1\" >&2; exit 126", "wtcraft-policy",
                "wtcraft: " + refusal + ": " + command));
        return refused;
    }

    /**
     * What an agent CLI is told: allowed patterns, and denied ones (with `ask` rules nobody approved among them,
     * since a headless agent cannot ask), or null without a policy.
     */
    Policy forAgent() {
        return forAgent(policy, approvals);
    }

    /** The same for a policy and approvals alone (an engine that asks nobody: a reviewer). */
    static Policy forAgent(Policy policy, List<String> approvals) {
        if (policy == null) {
            return null;
        }
        List<String> allow = new ArrayList<>(policy.allow());
        List<String> deny = new ArrayList<>(policy.deny());
        for (String a : policy.ask()) {
            if (approvals.stream().anyMatch(p -> p.equals(a))) {
                allow.add(a);
            } else {
                deny.add(a);
            }
        }
        return new Policy(allow, List.of(), deny);
    }
}
