package dev.wtcraft.shell;

import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.model.Recipe;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.report.RunData;
import dev.wtcraft.run.RunReport;
import dev.wtcraft.run.RunService;
import dev.wtcraft.task.CheckReport;
import dev.wtcraft.task.CheckService;
import dev.wtcraft.task.StatusService;
import dev.wtcraft.task.WorktreeResolver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The small public API of `wtcraft shell` (imported there as {@code import static dev.wtcraft.shell.Wtcraft.*}):
 * open a repository, load a recipe, list and run its tasks, read a run's ledger, check a worktree. Everything it
 * returns is an immutable record of the model or the ledger; nothing here is an internal service.
 */
public final class Wtcraft {
    private static volatile RepoLayout repo;
    private static volatile Recipe recipe;

    private Wtcraft() {
    }

    /** Works on the repository that contains {@code dir} from now on (the shell starts in the current one). */
    public static Path open(String dir) {
        repo = RepoLayout.locate(Path.of(dir).toAbsolutePath().normalize());
        recipe = null;
        return repo.root();
    }

    /** The repository's root. */
    public static Path repo() {
        if (repo == null) {
            open(".");
        }
        return repo.root();
    }

    /** Loads a recipe (relative to the repository root) and makes it the current one. */
    public static Recipe recipe(String file) {
        Path path = repo().resolve(file).normalize();
        recipe = dev.wtcraft.dsl.Recipes.load(path);
        return recipe;
    }

    /** The current recipe: the last one loaded, else wtcraft.groovy in the repository root. */
    public static Recipe recipe() {
        return recipe != null ? recipe : recipe("wtcraft.groovy");
    }

    /** The current recipe's task names, in declaration order. */
    public static List<String> tasks() {
        return recipe().tasks().stream().map(TaskDef::name).toList();
    }

    /** Runs the named tasks (and what they depend on), or all when none are named; progress goes to stdout. */
    public static RunReport run(String... tasks) {
        Plan plan = Plan.of(recipe(), List.of(tasks));
        return new RunService(repo, plan, System.getenv(), (task, message) -> System.out.println("[" + task + "] " + message))
                .run();
    }

    /** A run's ledger read back: the run, and per task its outcome, files, steps, review and spend. */
    public static RunData ledger(String run) {
        return RunData.load(repo(), run);
    }

    /** The last run's ledger. */
    public static RunData ledger() {
        return ledger("last");
    }

    /** Checks a task worktree against its contract (and records the result, as `wtcraft check` does). */
    public static CheckReport check(String worktree) {
        return CheckService.check(WorktreeResolver.resolve(layout(), repo(), worktree), null);
    }

    /** One entry per linked worktree, as `wtcraft status --json` gives them. */
    public static List<Map<String, Object>> status() {
        return StatusService.status(layout(), System.err);
    }

    private static RepoLayout layout() {
        repo();
        repo = RepoLayout.locate(repo.root());
        return repo;
    }
}
