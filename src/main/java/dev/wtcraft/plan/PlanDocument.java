package dev.wtcraft.plan;

import dev.wtcraft.ledger.Redaction;
import dev.wtcraft.model.Canonical;
import dev.wtcraft.model.Durations;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.Step;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.task.Protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What `wtcraft plan` (and `run --dry-run`) shows: tasks in order, worktrees, bases, engines, commands. */
public final class PlanDocument {
    private PlanDocument() {
    }

    public static Map<String, Object> of(Plan plan, String recipe, String defaultBase, int jobs,
                                         List<Collisions.Pair> serialized) {
        Map<String, Object> doc = Protocol.header("plan", true);
        doc.put("recipe", recipe);
        doc.put("recipe_sha256", plan.recipe().sha256());
        doc.put("base", defaultBase);
        doc.put("jobs", jobs);
        doc.put("serialized", serialized.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("first", p.first());
            m.put("second", p.second());
            m.put("reason", p.reason());
            return m;
        }).toList());
        doc.put("serialized_groups", groups(plan, serialized).stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tasks", g.tasks());
            m.put("reason", g.reason());
            return m;
        }).toList());
        List<Map<String, Object>> tasks = new ArrayList<>();
        int n = 0;
        for (TaskDef t : plan.order()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("order", ++n);
            m.put("task", t.name());
            m.put("worktree", "worktrees/" + t.name());
            m.put("branch", t.name());
            m.put("base", Plan.base(t, defaultBase));
            m.put("depends_on", t.dependsOn());
            m.putAll(settings(plan.effective(t)));
            m.put("declared_at", t.location().toString());
            tasks.add(m);
        }
        doc.put("tasks", tasks);
        declareSecrets(plan);
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) Redaction.deep(doc);
        return shown;
    }

    /** A recipe reads this process's environment: a declared secret it put in a command or prompt is shown redacted. */
    private static void declareSecrets(Plan plan) {
        for (TaskDef t : plan.order()) {
            var environment = plan.effective(t).environment();
            if (environment != null) {
                Redaction.secrets(environment.secrets(), System.getenv());
            }
        }
    }

    /**
     * Everything a task will do, walked from the task as it will run (so a new setting shows without being listed
     * here): its engine and reviewer (variables by name, never by value), prompt (where it comes from and how long),
     * boundary, gates, review, budget.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> settings(EffectiveTask task) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> def = new LinkedHashMap<>();
        ((Map<String, Object>) Canonical.tree(task.def())).forEach((name, value) -> {
            if (name.equals("boundary") || name.equals("gates")) {
                def.putAll((Map<String, Object>) value); // the task's own fields, at the top as people look for them
            } else {
                def.put(name, value);
            }
        });
        Map<String, Object> effective = (Map<String, Object>) Canonical.tree(task);
        effective.remove("def");
        for (String resolved : effective.keySet()) {
            def.remove(resolved);
        }
        for (String shown : List.of("name", "depends_on", "base", "no_review", "no_sandbox", "keyword_locations",
                "timeout_seconds")) {
            def.remove(shown);
        }
        var prompt = task.def().prompt();
        def.put("prompt", prompt == null ? null : Map.of("source", prompt.source() == null ? "inline"
                : prompt.source().toString(), "characters", prompt.text().length()));
        out.putAll(def);
        out.putAll(effective);
        for (String engine : List.of("engine", "reviewer")) {
            if (out.get(engine) instanceof Map<?, ?> e) {
                out.put(engine, shownEngine((Map<String, Object>) e));
            }
        }
        return out;
    }

    /**
     * An engine as the plan shows it: what starts it, its model and its turn limit at the top, its other settings
     * under {@code settings}, and its variables by name, never by value.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> shownEngine(Map<String, Object> tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        tree.forEach((name, value) -> {
            if (name.equals("launch")) {
                out.putAll((Map<String, Object>) value);
            } else if (name.equals("settings")) {
                Map<String, Object> rest = new LinkedHashMap<>((Map<String, Object>) value);
                out.put("model", rest.remove("model"));
                out.put("max_turns", rest.remove("max_turns"));
                out.put("settings", rest);
            } else {
                out.put(name, value);
            }
        });
        if (out.get("env") instanceof Map<?, ?> env) {
            out.put("env", new java.util.TreeSet<>(((Map<String, ?>) env).keySet()).stream().toList());
        }
        return out;
    }

    /** Serialized pairs with one reason among one set of tasks, every two of them paired: one line, not each pair. */
    public record Group(List<String> tasks, String reason) {
    }

    public static List<Group> groups(Plan plan, List<Collisions.Pair> pairs) {
        if (!plan.recipe().defaults().parallel() && plan.order().size() > 1) {
            return List.of(new Group(plan.order().stream().map(TaskDef::name).toList(), Collisions.NOT_PARALLEL));
        }
        Map<String, List<Collisions.Pair>> byReason = new LinkedHashMap<>();
        pairs.forEach(p -> byReason.computeIfAbsent(p.reason(), r -> new ArrayList<>()).add(p));
        List<Group> out = new ArrayList<>();
        byReason.forEach((reason, ps) -> {
            java.util.LinkedHashSet<String> tasks = new java.util.LinkedHashSet<>();
            ps.forEach(p -> {
                tasks.add(p.first());
                tasks.add(p.second());
            });
            if (ps.size() > 1 && ps.size() == tasks.size() * (tasks.size() - 1) / 2) {
                out.add(new Group(List.copyOf(tasks), reason));
            } else {
                ps.forEach(p -> out.add(new Group(List.of(p.first(), p.second()), reason)));
            }
        });
        return out;
    }

    /** What `plan` prints for people: every task with everything it will do, then what never runs together. */
    public static String text(Plan plan, String recipe, String defaultBase, int jobs, List<Collisions.Pair> serialized) {
        StringBuilder out = new StringBuilder();
        out.append("plan for ").append(recipe).append(": ").append(plan.order().size()).append(" task(s), base ")
                .append(defaultBase).append(", up to ").append(jobs).append(" at once (nothing is created)\n");
        int n = 0;
        for (TaskDef t : plan.order()) {
            EffectiveTask e = plan.effective(t);
            out.append(String.format(java.util.Locale.ROOT, "%2d. %s  worktrees/%s  from %s%s%n", ++n, t.name(),
                    t.name(), Plan.base(t, defaultBase), e.timeout() == null ? "" : "  timeout " + Durations.format(e.timeout())));
            if (e.setup() != null) {
                line(out, "setup: " + String.join("; ", e.setup().steps().stream().map(a -> a.describe()).toList())
                        + " (timeout " + Durations.format(e.setup().limit()) + ")");
            } else if (t.setup() != null && plan.recipe().defaults().setup() != null) {
                line(out, "setup: none (setup false: not even the recipe's)");
            }
            line(out, e.engine() == null ? "no engine (verification only)" : "engine " + engine(e.engine()));
            if (!t.dependsOn().isEmpty()) {
                line(out, "after: " + String.join(", ", t.dependsOn()));
            }
            line(out, "scope: " + joinOr(t.scope(), "(any file)"));
            line(out, "off-limits: " + joinOr(t.offLimits(), "(none)"));
            List<String> verify = new ArrayList<>();
            for (Step s : t.verify()) {
                verify.add(s.command() + (s.timeout() == null ? "" : " (timeout " + Durations.format(s.timeout()) + ")"));
            }
            line(out, "verify: " + (verify.isEmpty() ? "(none)" : String.join("; ", verify)));
            List<String> gates = new ArrayList<>();
            gates.add("attempts " + e.attempts());
            if (e.budget() != null) {
                gates.add("budget " + e.budget());
            }
            if (t.group() != null) {
                gates.add("group " + t.group());
            }
            line(out, String.join("; ", gates));
            if (e.review() != null) {
                line(out, "review by " + engine(e.reviewer()) + (e.review().required() ? " (required)" : " (advisory)"));
            }
            if (e.sandbox() != null) {
                var sb = e.sandbox();
                line(out, "sandbox " + sb.filesystem().wire() + (sb.network() ? "" : ", no network")
                        + (sb.writable().isEmpty() ? "" : ", writable " + String.join(", ", sb.writable()))
                        + (sb.hidden().isEmpty() ? "" : ", hidden " + String.join(", ", sb.hidden()))
                        + (sb.required() ? " (required)" : " (where the machine has one)"));
            }
            if (e.policy() != null) {
                line(out, "policy: " + String.join("; ", e.policy().contractLines()));
            }
            if (e.environment() != null) {
                line(out, "environment: pass " + joinOr(e.environment().pass(), "(the base variables only)")
                        + (e.environment().secrets().isEmpty() ? "" : "; secrets " + String.join(", ", e.environment().secrets())));
            }
        }
        for (Group g : groups(plan, serialized)) {
            out.append("never at the same time: ").append(and(g.tasks())).append(" (").append(g.reason()).append(")\n");
        }
        declareSecrets(plan);
        return Redaction.apply(out.toString());
    }

    private static String engine(EngineSpec e) {
        List<String> parts = new ArrayList<>();
        if (e.model() != null) {
            parts.add("model " + e.model());
        }
        if (e.binary() != null) {
            parts.add("binary " + e.binary());
        }
        if (e.maxTurns() != null) {
            parts.add("max turns " + e.maxTurns());
        }
        if (!e.env().isEmpty()) {
            parts.add("env " + String.join(", ", new java.util.TreeSet<>(e.env().keySet())));
        }
        String head = e.name() + (e.command() != null ? ": " + e.command() : " (" + e.kind().wire() + ")");
        return head + (parts.isEmpty() ? "" : " [" + String.join(", ", parts) + "]");
    }

    private static void line(StringBuilder out, String text) {
        out.append("      ").append(text).append('\n');
    }

    private static String joinOr(List<String> items, String none) {
        return items.isEmpty() ? none : String.join(", ", items);
    }

    private static String and(List<String> items) {
        return items.size() == 2 ? items.get(0) + " and " + items.get(1)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The task graph in Mermaid: dependencies as arrows, serialized pairs as dotted links. */
    public static String mermaid(Plan plan, List<Collisions.Pair> serialized) {
        StringBuilder out = new StringBuilder("graph TD\n");
        for (TaskDef t : plan.order()) {
            out.append("    ").append(id(t.name())).append("[\"").append(t.name()).append("\"]\n");
        }
        for (TaskDef t : plan.order()) {
            for (String dep : t.dependsOn()) {
                out.append("    ").append(id(dep)).append(" --> ").append(id(t.name())).append('\n');
            }
        }
        for (Collisions.Pair p : serialized) {
            out.append("    ").append(id(p.first())).append(" -. serialized .- ").append(id(p.second())).append('\n');
        }
        return out.toString();
    }

    /** The task graph in Graphviz DOT: dependencies as arrows, serialized pairs as dashed red edges. */
    public static String dot(Plan plan, List<Collisions.Pair> serialized) {
        StringBuilder out = new StringBuilder("digraph wtcraft {\n    rankdir=LR;\n    node [shape=box];\n");
        for (TaskDef t : plan.order()) {
            out.append("    \"").append(t.name()).append("\";\n");
        }
        for (TaskDef t : plan.order()) {
            for (String dep : t.dependsOn()) {
                out.append("    \"").append(dep).append("\" -> \"").append(t.name()).append("\";\n");
            }
        }
        for (Collisions.Pair p : serialized) {
            out.append("    \"").append(p.first()).append("\" -> \"").append(p.second())
                    .append("\" [dir=none, style=dashed, color=red, label=\"serialized\", tooltip=\"")
                    .append(p.reason().replace("\"", "'")).append("\"];\n");
        }
        return out.append("}\n").toString();
    }

    private static String id(String task) {
        return "t_" + task.replaceAll("[^A-Za-z0-9]", "_");
    }

}
