package dev.wtcraft.cli;

import dev.wtcraft.run.RunReport;
import dev.wtcraft.run.RunService;
import dev.wtcraft.run.TaskResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Locale;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a recipe: for each task a worktree, its contract, the engine, check and verify, all recorded in a ledger.",
                "Tasks run in dependency order, several at once where their scopes cannot collide; --resume continues a run after a crash or Ctrl-C.",
                "Exit 0 all passed, 2 a scope violation, 3 a verification failure, 4 an engine failure, timeout or budget, 5 changes requested, 9 a failed setup, 130 interrupted, 1 a fatal error (bad recipe, not a repository)."})
final class RunCommand extends RecipeCommand {
    @Option(names = "--no-sandbox", description = "Run tasks that declare a sandbox without one (the ledger records it).")
    boolean noSandbox;

    @Option(names = "--approve", paramLabel = "PATTERN", description = "Let commands that a policy's ask rules match run without asking (repeatable; * is any text).")
    java.util.List<String> approve = new java.util.ArrayList<>();

    @Option(names = "--include-uncommitted", description = "Carry the main checkout's uncommitted files into the base of the tasks that start from its branch, as a commit of their own (recorded in run.json); without it, a run names the files its tasks will not see.")
    boolean includeUncommitted;

    @Option(names = "--dry-run", description = "Print the plan and create nothing (the same as 'wtcraft plan').")
    boolean dryRun;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "last", paramLabel = "RUN",
            description = "Continue the last (or the named) run after a crash or Ctrl-C: passed, unchanged tasks are not run again.")
    String resume;

    @Option(names = "--explain", description = "With --resume: print, per task, whether it would run again and why (which of its inputs changed); run nothing.")
    boolean explain;

    @Option(names = "--ci", description = "The task of --task alone, as a CI job runs it: its dependencies' results from their branches (wtcraft ci fetch), or its own from an earlier job when unchanged.")
    boolean ci;

    @Option(names = "--ledger-out", paramLabel = "DIR", description = "With --ci: write the task's ledger to DIR (a new or empty directory), for the job's artifact.")
    java.nio.file.Path ledgerOut;

    @Option(names = "--jobs", paramLabel = "N", description = "How many tasks run at once (default: the recipe's jobs, else up to 4 on this machine).")
    Integer jobs;

    @Override
    int execute() {
        var layout = layout();
        var plan = loadPlan(layout);
        if (dryRun) {
            printPlan(plan, recipeName(layout, plan), dev.wtcraft.run.RunPreflight.defaultBase(layout, plan, ctx.env()), layout, jobs, null);
            return 0;
        }
        PrintStream progress = json ? ctx.err() : ctx.out();
        if (jobs != null && jobs < 1) {
            return fail(1, "--jobs must be 1 or more, not " + jobs);
        }
        if (explain && resume == null) {
            return fail(1, "--explain says why --resume would run each task again: give --resume too");
        }
        if (ci || ledgerOut != null) {
            return runCi(layout, plan, progress);
        }
        String resumeId = resume == null ? null : new dev.wtcraft.ledger.RunHistory(layout.root()).resolve(resume);
        if (explain) {
            new RunService(layout, plan, ctx.env(), (t, m) -> { }, jobs, resumeId).includeUncommitted(includeUncommitted).explainResume()
                    .forEach(ctx.out()::println);
            return 0;
        }
        RunReport report;
        if (!json && ctx.out() == System.out && LiveProgress.available(ctx.env())) {
            try (LiveProgress live = new LiveProgress(ctx.out())) {
                report = new RunService(layout, plan, ctx.env(), live, jobs, resumeId).noSandbox(noSandbox).approve(approve).includeUncommitted(includeUncommitted).run();
            }
        } else {
            report = new RunService(layout, plan, ctx.env(),
                    (task, message) -> progress.println(dev.wtcraft.ledger.Redaction.apply("[" + task + "] " + message)), jobs, resumeId).noSandbox(noSandbox).approve(approve).includeUncommitted(includeUncommitted).run();
        }
        if (json) {
            printJson(report.toDocument());
        } else {
            printTable(ctx.out(), report, layout.root());
        }
        exportTrace(report.ledger());
        return report.exitCode();
    }

    /** `run --task NAME --ci --ledger-out DIR`: one task of a workflow's job. */
    private int runCi(dev.wtcraft.git.RepoLayout layout, dev.wtcraft.plan.Plan plan, PrintStream progress) {
        if (!ci || ledgerOut == null || tasks.size() != 1 || resume != null) {
            return fail(1, "a CI job runs one task: give --task NAME --ci --ledger-out DIR (and no --resume: an unchanged"
                    + " task that passed in an earlier job is kept by itself)");
        }
        var result = dev.wtcraft.ci.CiTask.run(layout, plan, tasks.get(0), ctx.env(), ctx.cwd().resolve(ledgerOut).normalize(),
                (task, message) -> progress.println(dev.wtcraft.ledger.Redaction.apply("[" + task + "] " + message)),
                s -> s.noSandbox(noSandbox).approve(approve).includeUncommitted(includeUncommitted));
        if (result.report() != null) {
            if (json) {
                printJson(result.report().toDocument());
            } else {
                printTable(ctx.out(), result.report(), layout.root());
            }
            exportTrace(result.report().ledger());
        } else if (json) {
            java.util.Map<String, Object> doc = dev.wtcraft.task.Protocol.header("run", true);
            doc.put("task", result.record().task());
            doc.put("outcome", result.record().outcome().wire());
            doc.put("kept_from", result.record().reusedFrom());
            doc.put("commit", result.record().commit());
            printJson(doc);
        }
        ctx.err().println("ledger written to " + ledgerOut + (result.record().commit() == null ? ""
                : " (commit " + result.record().commit() + ")"));
        return result.exitCode();
    }

    /** With WTCRAFT_OTLP_ENDPOINT set, the run's ledger goes to the tracing backend; a failure there only warns. */
    private void exportTrace(java.nio.file.Path ledger) {
        String endpoint = ctx.env().get(dev.wtcraft.trace.TraceExport.ENDPOINT_VARIABLE);
        if (endpoint == null || endpoint.isBlank()) {
            return;
        }
        try {
            var sent = dev.wtcraft.trace.TraceExport.export(ledger, endpoint, Version.current());
            ctx.err().println("trace " + sent.traceId() + " (" + sent.spans() + " spans) exported to " + sent.endpoint());
        } catch (dev.wtcraft.WtcraftException e) {
            ctx.err().println("wtcraft run: warning: " + e.getMessage() + " (the run's result stands; retry with "
                    + "'wtcraft trace " + ledger.getFileName() + " --otlp URL')");
        }
    }

    /** The final table of a run, and where its ledger is. */
    static void printTable(PrintStream out, RunReport report, java.nio.file.Path root) {
        out.println();
        String format = "%-28s %-17s %-12s %7s %7s %-8s %7s %9s %9s%n";
        out.printf(Locale.ROOT, format, "TASK", "OUTCOME", "ENGINE", "CHANGED", "VERIFY", "REVIEW", "TIME", "TOKENS", "COST");
        for (TaskResult t : report.tasks()) {
            out.printf(Locale.ROOT, format, t.task(), t.outcome().wire(), t.engine() == null ? "-" : t.engine(),
                    t.changedFiles().size(), t.gates().verifyTotal() == 0 ? "-" : t.gates().verifyPassed() + "/" + t.gates().verifyTotal(),
                    t.review() == null ? "-" : t.review().verdict() == dev.wtcraft.ledger.ReviewVerdict.APPROVE ? "approve" : "changes",
                    String.format(Locale.ROOT, "%.1fs", t.duration().toMillis() / 1000.0),
                    t.spend().tokens() == 0 ? "-" : Long.toString(t.spend().tokens()),
                    t.spend().estimatedUsd() == 0 ? "-" : "~" + dev.wtcraft.model.Budget.usd(t.spend().estimatedUsd()));
        }
        out.println();
        out.println("ledger: " + root.relativize(report.ledger()) + "  (wtcraft show " + report.runId()
                + "; wtcraft report --html; wtcraft finish --all)");
    }
}
