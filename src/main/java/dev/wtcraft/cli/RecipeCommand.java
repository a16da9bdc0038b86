package dev.wtcraft.cli;

import dev.wtcraft.dsl.RecipeCompiler;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.model.Durations;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.plan.PlanDocument;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What `run` and `plan` share: the recipe argument, --task, --json, and printing the plan. */
abstract class RecipeCommand extends JsonCommand {
    @Parameters(arity = "0..1", paramLabel = "RECIPE", description = "The recipe (default: wtcraft.groovy in the repository root).")
    Path recipe;

    @Option(names = "--task", paramLabel = "NAME", description = "Only this task and what it depends on (repeatable).")
    List<String> tasks = new ArrayList<>();

    Path recipeFile(RepoLayout layout) {
        return recipe == null ? layout.root().resolve("wtcraft.groovy") : ctx.cwd().resolve(recipe).normalize();
    }

    Plan loadPlan(RepoLayout layout) {
        return Plan.of(loadRecipe(recipeFile(layout)), tasks);
    }

    /** A recipe: its cached evaluation when it is pure and unchanged (no Groovy loaded), else compiled and run. */
    static dev.wtcraft.model.Recipe loadRecipe(Path file) {
        return dev.wtcraft.plan.RecipeCache.lookup(file).orElseGet(() -> RecipeCompiler.load(file));
    }

    String recipeName(RepoLayout layout, Plan plan) {
        return layout.root().relativize(plan.recipe().file().toAbsolutePath().normalize()).toString();
    }

    void printPlan(Plan plan, String recipeName, String defaultBase, RepoLayout layout, Integer jobs, String format) {
        var serialized = dev.wtcraft.plan.Collisions.of(plan.order(), plan.recipe().defaults().parallel(),
                dev.wtcraft.run.RunService.repositoryFiles(layout));
        int n = dev.wtcraft.run.RunService.jobs(plan, jobs);
        Map<String, Object> doc = PlanDocument.of(plan, recipeName, defaultBase, n, serialized);
        String f = json ? "json" : format == null ? "text" : format;
        switch (f) {
            case "json" -> {
                printJson(doc);
                return;
            }
            case "mermaid" -> {
                ctx.out().print(PlanDocument.mermaid(plan, serialized));
                return;
            }
            case "dot" -> {
                ctx.out().print(PlanDocument.dot(plan, serialized));
                return;
            }
            case "text" -> { }
            default -> throw dev.wtcraft.WtcraftException.fatal("unknown --format '" + f + "': use text, json, mermaid or dot");
        }
        var out = ctx.out();
        out.println("plan for " + recipeName + ": " + plan.order().size() + " task(s), base " + defaultBase
                + ", up to " + n + " at once (nothing is created)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) doc.get("tasks");
        for (Map<String, Object> t : tasks) {
            String engine = t.get("engine") == null ? "no engine (verification only)"
                    : "engine " + t.get("engine") + (t.get("command") == null ? " (" + t.get("engine_kind") + ")"
                    : ": " + t.get("command"));
            out.printf("%2d. %s  %s  from %s%s%n", (Integer) t.get("order"), t.get("task"), t.get("worktree"),
                    t.get("base"), t.get("timeout_seconds") == null ? ""
                            : "  timeout " + Durations.format(java.time.Duration.ofSeconds((Long) t.get("timeout_seconds"))));
            out.println("      " + engine);
            List<?> deps = (List<?>) t.get("depends_on");
            if (!deps.isEmpty()) {
                out.println("      after: " + String.join(", ", deps.stream().map(Object::toString).toList()));
            }
            out.println("      scope: " + joinOr((List<?>) t.get("scope"), "(any file)"));
            out.println("      off-limits: " + joinOr((List<?>) t.get("off_limits"), "(none)"));
            List<String> verify = new ArrayList<>();
            for (Object o : (List<?>) t.get("verify")) {
                Map<?, ?> step = (Map<?, ?>) o;
                verify.add(step.get("command") + (step.get("timeout_seconds") == null ? ""
                        : " (timeout " + Durations.format(java.time.Duration.ofSeconds((Long) step.get("timeout_seconds"))) + ")"));
            }
            out.println("      verify: " + (verify.isEmpty() ? "(none)" : String.join("; ", verify)));
        }
        for (var p : serialized) {
            out.println("never at the same time: " + p.first() + " and " + p.second() + " (" + p.reason() + ")");
        }
    }

    private static String joinOr(List<?> items, String none) {
        return items.isEmpty() ? none : String.join(", ", items.stream().map(Object::toString).toList());
    }
}
