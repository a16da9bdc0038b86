package dev.wtcraft.plan;

import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.Step;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.task.Protocol;

import java.time.Duration;
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
            EngineSpec e = t.engine() == null ? null : plan.recipe().engines().get(t.engine());
            m.put("engine", t.engine());
            m.put("engine_kind", t.engine() == null ? null : e == null ? t.engine() : e.kind().wire());
            m.put("command", e == null ? null : e.command());
            m.put("timeout_seconds", seconds(plan.timeout(t)));
            m.put("scope", t.scope());
            m.put("off_limits", t.offLimits());
            List<Map<String, Object>> verify = new ArrayList<>();
            for (Step s : t.verify()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("command", s.command());
                sm.put("timeout_seconds", seconds(s.timeout()));
                verify.add(sm);
            }
            m.put("verify", verify);
            m.put("declared_at", t.location().toString());
            tasks.add(m);
        }
        doc.put("tasks", tasks);
        return doc;
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

    private static Long seconds(Duration d) {
        return d == null ? null : d.getSeconds();
    }
}
