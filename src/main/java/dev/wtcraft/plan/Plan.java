package dev.wtcraft.plan;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.model.EngineKind;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.Review;
import dev.wtcraft.model.Names;
import dev.wtcraft.model.Recipe;
import dev.wtcraft.model.TaskDef;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated recipe and the order its tasks run in: dependencies first, otherwise declaration order. Every
 * recipe mistake found here is a RecipeException at the line that made it.
 */
public record Plan(Recipe recipe, List<TaskDef> order) {

    /** Engine names a task may use without declaring them: the agent CLIs, configured by default. */
    public static final List<String> IMPLICIT_ENGINES = List.of(
            EngineKind.CODEX.wire(), EngineKind.CLAUDE.wire(), EngineKind.GEMINI.wire());

    public Plan {
        order = List.copyOf(order);
    }

    /** Validates the whole recipe and orders the selected tasks (all when none), with what they depend on. */
    public static Plan of(Recipe recipe, Collection<String> selected) {
        Map<String, TaskDef> byName = new LinkedHashMap<>();
        recipe.tasks().forEach(t -> byName.put(t.name(), t));
        for (TaskDef t : recipe.tasks()) {
            Names.taskNameProblem(t.name()).ifPresent(problem -> {
                throw new RecipeException(t.location(), problem);
            });
            requireEngine(recipe, t.engine(), t.locationOf("engine"), "task '" + t.name() + "'");
            var review = t.reviewOr(recipe.defaults().review());
            if (review != null) {
                requireEngine(recipe, review.engine(), review.location(), "the review of task '" + t.name() + "'");
            }
            for (String dep : t.dependsOn()) {
                if (!byName.containsKey(dep)) {
                    throw new RecipeException(t.locationOf("dependsOn"), "task '" + t.name() + "' depends on '" + dep
                            + "', which no task declares" + Names.suggestion(dep, byName.keySet()));
                }
            }
        }
        rejectCycles(byName);
        Set<String> wanted = selection(byName, selected);
        return new Plan(recipe, order(recipe.tasks(), byName, wanted));
    }

    private static void requireEngine(Recipe recipe, String engine, dev.wtcraft.model.SourceLocation where,
                                      String user) {
        if (engine != null && !recipe.engines().containsKey(engine) && !IMPLICIT_ENGINES.contains(engine)) {
            Set<String> known = new LinkedHashSet<>(recipe.engines().keySet());
            known.addAll(IMPLICIT_ENGINES);
            throw new RecipeException(where, "unknown engine '" + engine + "' in " + user
                    + Names.suggestion(engine, known) + " (declare it in engines { } or use one of "
                    + String.join(", ", known) + ")");
        }
    }

    /** The review a task gets: its own, else the recipe's default for tasks with an engine, else null. */
    public dev.wtcraft.model.Review review(TaskDef t) {
        return t.reviewOr(recipe.defaults().review());
    }

    private static void rejectCycles(Map<String, TaskDef> byName) {
        Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (String start : byName.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            visit(start, byName, state, path);
        }
    }

    private static void visit(String name, Map<String, TaskDef> byName, Map<String, Integer> state, Deque<String> path) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            List<String> chain = new ArrayList<>(path);
            java.util.Collections.reverse(chain);
            List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(name), chain.size()));
            cycle.add(name);
            TaskDef first = byName.get(cycle.get(0));
            throw new RecipeException(first.locationOf("dependsOn"), "dependency cycle: " + String.join(" -> ", cycle));
        }
        state.put(name, 1);
        path.push(name);
        for (String dep : byName.get(name).dependsOn()) {
            visit(dep, byName, state, path);
        }
        path.pop();
        state.put(name, 2);
    }

    private static Set<String> selection(Map<String, TaskDef> byName, Collection<String> selected) {
        if (selected == null || selected.isEmpty()) {
            return byName.keySet();
        }
        Set<String> wanted = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String name : selected) {
            if (!byName.containsKey(name)) {
                throw WtcraftException.fatal("no task '" + name + "' in the recipe" + Names.suggestion(name, byName.keySet()));
            }
            todo.add(name);
        }
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (wanted.add(n)) {
                todo.addAll(byName.get(n).dependsOn());
            }
        }
        return wanted;
    }

    /** Kahn's algorithm, always taking the earliest-declared ready task, so the order is stable. */
    private static List<TaskDef> order(List<TaskDef> declared, Map<String, TaskDef> byName, Set<String> wanted) {
        List<TaskDef> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (out.size() < wanted.size()) {
            for (TaskDef t : declared) {
                if (wanted.contains(t.name()) && !done.contains(t.name()) && done.containsAll(t.dependsOn())) {
                    out.add(t);
                    done.add(t.name());
                    break;
                }
            }
        }
        return out;
    }

    /** A task's starting point: its own base, else its first dependency's branch, else the recipe's. */
    public static String base(TaskDef t, String defaultBase) {
        return t.base() != null ? t.base() : !t.dependsOn().isEmpty() ? t.dependsOn().get(0) : defaultBase;
    }

    /** How long a task's engine may run: the task's timeout, else its declared engine's, else the recipe's. */
    public java.time.Duration timeout(TaskDef t) {
        var engine = t.engine() == null ? null : recipe.engines().get(t.engine());
        return t.timeout() != null ? t.timeout()
                : engine != null && engine.timeout() != null ? engine.timeout() : recipe.defaults().timeout();
    }

    /** A task with the recipe's defaults applied and its engines resolved: how it will run. */
    public EffectiveTask effective(TaskDef t) {
        var d = recipe.defaults();
        Review review = review(t);
        int attempts = t.attempts() != null ? t.attempts() : d.attempts() != null ? d.attempts() : 1;
        return new EffectiveTask(t, t.engine() == null ? null : engineSpec(recipe, t.engine(), t.location()),
                timeout(t), attempts, t.budget() != null ? t.budget() : d.taskBudget(), review,
                review == null ? null : engineSpec(recipe, review.engine(), review.location()),
                t.sandboxOr(d.sandbox()), t.environmentOr(d.environment()), t.policyWith(d.policy()),
                dev.wtcraft.model.Setup.of(d.setup(), t.setup()));
    }

    /** An engine by name: declared in the recipe, else one of the agent CLIs with its defaults. */
    public static EngineSpec engineSpec(Recipe recipe, String name, dev.wtcraft.model.SourceLocation where) {
        EngineSpec declared = recipe == null ? null : recipe.engines().get(name);
        if (declared != null) {
            return declared;
        }
        EngineKind kind = EngineKind.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        return EngineSpec.bare(name, kind, null, where);
    }

    /** The tasks this one waits for, directly. */
    public List<TaskDef> dependencies(TaskDef task) {
        return order.stream().filter(t -> task.dependsOn().contains(t.name())).toList();
    }

}
