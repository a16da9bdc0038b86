package dev.wtcraft.cli;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.RunLedger;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.model.Durations;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.Recipe;
import dev.wtcraft.model.Review;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.contract.SignOff;
import dev.wtcraft.run.ReviewService;
import dev.wtcraft.run.RunPreflight;
import dev.wtcraft.task.Protocol;
import dev.wtcraft.task.TaskRecord;
import dev.wtcraft.task.TaskWorktree;
import dev.wtcraft.task.WorktreeResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"Have a second engine review a task, read-only: the contract, the diff and the verification results.",
                "Its final message must carry VERDICT: APPROVE or VERDICT: REQUEST_CHANGES; anything else requests changes.",
                "Exit 0 approved, 5 changes requested, 4 the reviewing engine failed, 1 fatal."})
final class ReviewCommand extends JsonCommand {
    @Parameters(paramLabel = "<wt>", description = "The worktree: a path, <type>/<name>, a branch, or a directory name.")
    String worktree;

    @Option(names = "--engine", paramLabel = "NAME", description = "The reviewer: codex, claude, gemini, or an engine of the recipe.")
    String engine;

    @Option(names = "--command", paramLabel = "CMD", description = "A shell command as the reviewer (its last lines of stdout are its final message).")
    String command;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "What the reviewer should look at in particular.")
    String prompt;

    @Option(names = "--recipe", paramLabel = "FILE", description = "The recipe whose engines and review blocks apply (default: wtcraft.groovy in the repository root, if any).")
    Path recipe;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long the reviewer may take, e.g. 10m.")
    String timeout;

    @Option(names = "--required", description = "From now on the task may finish only with an approving review.")
    boolean required;

    @Override
    int execute() {
        if (engine != null && command != null) {
            return fail(1, "--engine and --command both name a reviewer: give one");
        }
        RepoLayout layout = layout();
        TaskWorktree wt = WorktreeResolver.resolve(layout, ctx.cwd(), worktree);
        TaskRecord task = TaskRecord.load(wt, ctx.err());
        String taskId = task.state().taskId();
        ReviewService.Request request = request(layout, taskId);
        declaredSecrets(layout, taskId);
        TaskLedger ledger = ledger(layout, task);
        ctx.err().println("review of " + taskId + " by " + request.engine().name() + " (read-only); ledger "
                + layout.root().relativize(ledger.dir()));
        ReviewService.Outcome o = ReviewService.review(wt, request, ledger,
                dev.wtcraft.run.RunControl.Host.standalone(ctx.env()), null, null);
        if (json) {
            Map<String, Object> doc = Protocol.header("review", true);
            doc.put("exit_code", o.exitCode());
            doc.put("task", taskId);
            doc.put("worktree", wt.path().toString());
            doc.put("ledger", ledger.dir().toString());
            printJson(doc, o.record());
        } else {
            ctx.out().println(taskId + ": " + o.line());
            String reasons = o.reading().reasons();
            if (o.note() == null && reasons != null && !reasons.isBlank()) {
                reasons.strip().lines().limit(20).forEach(l -> ctx.out().println("  " + l));
            }
            ctx.out().println("stage " + (o.verdict() == dev.wtcraft.ledger.ReviewVerdict.APPROVE ? "approved" : "replan")
                    + "; ledger: " + layout.root().relativize(ledger.dir()));
        }
        return o.exitCode();
    }

    /**
     * The values of the secrets the task declares in the recipe, registered so that its review's ledger redacts them
     * as its run's did. Without a readable recipe there are none to know (credential shapes are redacted anyway).
     */
    private void declaredSecrets(RepoLayout layout, String taskId) {
        Path file = recipe == null ? layout.root().resolve("wtcraft.groovy") : ctx.cwd().resolve(recipe).normalize();
        if (!Files.isRegularFile(file)) {
            return;
        }
        Recipe loaded;
        try {
            loaded = RecipeCommand.loadRecipe(file);
        } catch (WtcraftException e) {
            return; // a review needs no recipe: a broken one only means no declared secrets
        }
        for (TaskDef t : loaded.tasks()) {
            var environment = t.name().equals(taskId) ? t.environmentOr(loaded.defaults().environment()) : null;
            if (environment != null) {
                dev.wtcraft.ledger.Redaction.secrets(environment.secrets(), ctx.env());
            }
        }
    }

    /** The reviewer: --command, else --engine, else the task's review block in the recipe. */
    private ReviewService.Request request(RepoLayout layout, String taskId) {
        Duration limit = timeout == null ? null : parseTimeout();
        if (command != null) {
            EngineSpec shell = EngineSpec.shell("shell", command, null, null);
            return new ReviewService.Request(shell, prompt, required, limit);
        }
        Path file = recipe == null ? layout.root().resolve("wtcraft.groovy") : ctx.cwd().resolve(recipe).normalize();
        Recipe loaded = recipe != null || Files.isRegularFile(file) ? RecipeCommand.loadRecipe(file) : null;
        Review fromRecipe = null;
        if (loaded != null) {
            for (TaskDef t : loaded.tasks()) {
                if (t.name().equals(taskId)) {
                    fromRecipe = Plan.of(loaded, List.of(t.name())).review(t);
                }
            }
        }
        String name = engine != null ? engine : fromRecipe != null ? fromRecipe.engine() : null;
        if (name == null) {
            throw WtcraftException.fatal("no reviewer for " + taskId + ": pass --engine codex|claude|gemini|NAME or "
                    + "--command CMD, or give the task a review { engine '...' } block in " + file.getFileName());
        }
        boolean known = (loaded != null && loaded.engines().containsKey(name)) || Plan.IMPLICIT_ENGINES.contains(name);
        if (!known) {
            throw WtcraftException.fatal("unknown reviewer engine '" + name + "': use codex, claude, gemini"
                    + (loaded == null ? "" : " or an engine declared in " + file.getFileName()) + ", or --command CMD");
        }
        EngineSpec spec = Plan.engineSpec(loaded, name, null);
        boolean fromBlock = fromRecipe != null && engine == null;
        RunPreflight.requireCli(spec, fromBlock ? fromRecipe.location() : null, ctx.env());
        String instructions = prompt != null ? prompt
                : fromBlock && fromRecipe.prompt() != null ? fromRecipe.prompt().text() : null;
        Duration t = limit != null ? limit : fromBlock && fromRecipe.timeout() != null ? fromRecipe.timeout() : spec.timeout();
        return new ReviewService.Request(spec, instructions, required || (fromBlock && fromRecipe.required()), t);
    }

    private Duration parseTimeout() {
        Duration d = Durations.parse(timeout);
        if (d == null) {
            throw WtcraftException.fatal("--timeout takes a duration like 10m, 90s or 1h, not '" + timeout + "'");
        }
        return d;
    }

    /** Into the run's ledger when a run made the task (`review`, `review-2`, ...), else `.wtcraft/runs/reviews/`. */
    private static TaskLedger ledger(RepoLayout layout, TaskRecord task) {
        String runId = SignOff.read(layout, task.worktree().entry().shortBranch()).runId();
        return RunLedger.find(layout.root(), runId).map(run -> run.task(task.state().taskId()).next("review"))
                .orElseGet(() -> ReviewService.standaloneLedger(layout.root(), task.state().taskId()));
    }
}
