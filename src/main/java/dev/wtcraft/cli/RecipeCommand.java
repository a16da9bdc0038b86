package dev.wtcraft.cli;

import dev.wtcraft.git.RepoLayout;
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
        return dev.wtcraft.dsl.Recipes.load(file);
    }

    String recipeName(RepoLayout layout, Plan plan) {
        return layout.root().relativize(plan.recipe().file().toAbsolutePath().normalize()).toString();
    }

    void printPlan(Plan plan, String recipeName, String defaultBase, RepoLayout layout, Integer jobs, String format) {
        dev.wtcraft.run.RunPreflight.requireBases(layout, plan);
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
        ctx.out().print(PlanDocument.text(plan, recipeName, defaultBase, n, serialized));
    }

}
