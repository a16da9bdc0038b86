package dev.wtcraft.run;

import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.model.Policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A task's policy applied to the commands wtcraft itself starts (verification steps, the shell engine): `deny`
 * refuses, `ask` asks the terminal or takes a `--approve` pattern and otherwise refuses, anything else runs. Every
 * decision is a `policy.decision` event.
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

    /** Null when the command may run, else why not. */
    String refusal(String command, String what) {
        if (policy == null) {
            return null;
        }
        Policy.Decision d = policy.decide(command);
        String decision;
        String by;
        String refusal = null;
        switch (d.kind()) {
            case DENY -> {
                decision = "deny";
                by = "rule";
                refusal = "refused by policy (deny '" + d.rule() + "')";
            }
            case ASK -> {
                String approval = approvals.stream().filter(a -> Policy.matches(a, command)).findFirst().orElse(null);
                if (approval != null) {
                    decision = "allow";
                    by = "--approve " + approval;
                } else if (asker.test("wtcraft: " + what + " wants to run `" + command + "` (policy: ask '" + d.rule() + "'). Run it?")) {
                    decision = "allow";
                    by = "terminal";
                } else {
                    decision = "deny";
                    by = "not approved (no terminal to ask, and no --approve pattern matches)";
                    refusal = "refused by policy (ask '" + d.rule() + "', not approved: run on a terminal, or with --approve '" + d.rule() + "')";
                }
            }
            case ALLOW -> {
                decision = "allow";
                by = d.rule() == null ? "no rule" : "rule";
            }
            default -> throw new IllegalStateException(d.kind().name());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("command", command);
        event.put("for", what);
        event.put("rule", d.rule() == null ? null : d.kind().wire() + " " + d.rule());
        event.put("decision", decision);
        event.put("by", by);
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
