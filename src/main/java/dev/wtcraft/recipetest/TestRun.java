package dev.wtcraft.recipetest;

import dev.wtcraft.engine.FakeEngine;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.model.EngineKind;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.Recipe;
import dev.wtcraft.model.SourceLocation;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.run.RunReport;
import dev.wtcraft.run.RunService;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a test's recipe in its scratch repository, exactly as `wtcraft run` would, except that every engine the test
 * scripts is a fake engine (declared in the recipe or not; a declared one still does the tasks the test wrote no
 * script for), then reads the results back from the run's ledger.
 */
public final class TestRun {
    private TestRun() {
    }

    public static Results run(Path repo, Recipe recipe, TestDef test, Map<String, String> env,
                              RunService.Listener listener) {
        Plan plan = Plan.of(withFakes(recipe, test.scripts()), test.tasks());
        Map<String, EngineSpec> declared = recipe.engines();
        List<TestDef.ScriptRule> rules = test.scripts();
        FakeEngine.Scripts scripts = new FakeEngine.Scripts() {
            @Override
            public FakeEngine.Script find(String engine, String task, int attempt, boolean review) {
                // the most specific rule for the engine, task and attempt
                return rules.stream().filter(r -> r.matches(engine, task, attempt))
                        .max(java.util.Comparator.comparingInt(TestDef.ScriptRule::specificity))
                        .map(TestDef.ScriptRule::script).orElse(null);
            }

            @Override
            public EngineSpec declared(String engine) {
                return declared.get(engine);
            }
        };
        Map<String, String> runEnv = new LinkedHashMap<>(env);
        runEnv.putAll(test.env());
        RunReport report = new RunService(RepoLayout.locate(repo), plan, runEnv, listener)
                .scripts(scripts).run();
        return Results.read(repo, report.runId(), report.exitCode());
    }

    /** The recipe with each engine the test scripts replaced by (or, when it declares none, added as) a fake one. */
    static Recipe withFakes(Recipe recipe, List<TestDef.ScriptRule> scripts) {
        Map<String, EngineSpec> engines = new LinkedHashMap<>(recipe.engines());
        for (TestDef.ScriptRule rule : scripts) {
            EngineSpec declared = engines.get(rule.engine());
            SourceLocation at = declared != null ? declared.location()
                    : new SourceLocation(recipe.file(), recipe.file().getFileName().toString(), 1, 1);
            engines.put(rule.engine(), EngineSpec.bare(rule.engine(), EngineKind.FAKE,
                    declared == null ? null : declared.timeout(), at));
        }
        return new Recipe(recipe.file(), recipe.sha256(), recipe.defaults(), engines, recipe.tasks(),
                recipe.libraries(), recipe.ci());
    }
}
