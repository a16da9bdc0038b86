package dev.wtcraft.cli;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.run.RunReport;
import dev.wtcraft.run.RunService;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.run.FinishService;
import dev.wtcraft.git.Landing;
import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.report.HtmlReport;
import dev.wtcraft.report.RunData;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the hello recipe in a scratch repository in the temp directory, never in your checkout.",
                "One task stays in its contract, passes and is approved by a reviewer; one strays out of scope and is caught.",
                "Then what is ready lands on main (finish --all) and the HTML report is written."})
final class DemoCommand extends BaseCommand {
    static final String RECIPE = "/recipes/hello/";

    @Override
    int execute() {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("wtcraft-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path repo = scratch.resolve("hello");
        copyRecipe(repo);
        GitCli git = new GitCli(repo);
        git.text("init", "-q", "-b", "main");
        git.text("config", "user.email", "demo@wtcraft.invalid");
        git.text("config", "user.name", "wtcraft demo");
        git.text("add", "-A");
        git.text("commit", "-q", "-m", "the hello project");
        ctx.out().println("scratch repository: " + repo);
        RepoLayout layout = RepoLayout.locate(repo);
        Plan plan = Plan.of(dev.wtcraft.dsl.Recipes.load(layout.root().resolve("wtcraft.groovy")), List.of());
        RunReport report = new RunService(layout, plan, ctx.env(),
                (task, message) -> ctx.out().println("[" + task + "] " + message)).run();
        RunCommand.printTable(ctx.out(), report, layout.root());
        ctx.out().println();
        ctx.out().println("wtcraft finish --all: land what is ready, in dependency order, and skip what is not, saying why");
        List<FinishService.Outcome> landed = FinishService.finishAll(layout, report.runId(),
                new FinishService.Options(Landing.Strategy.MERGE, false, false, null), false,
                o -> ctx.out().println("  " + o.line()));
        Path html = report.ledger().resolve("report.html");
        AtomicFiles.write(html, HtmlReport.render(RunData.load(layout.root(), report.runId()), html));
        ctx.out().println("wtcraft report --html: " + html);
        ctx.out().println("look around: cd " + repo + " && " + "wtcraft show last docs/greeting");
        boolean asExpected = report.tasks().size() == 2
                && report.tasks().get(0).outcome() == TaskOutcome.PASSED
                && report.tasks().get(0).review() != null
                && report.tasks().get(0).review().verdict() == dev.wtcraft.ledger.ReviewVerdict.APPROVE
                && report.tasks().get(1).outcome() == TaskOutcome.SCOPE_VIOLATION
                && landed.get(0).result() == FinishService.Result.LANDED;
        if (!asExpected) {
            ctx.err().println("wtcraft demo: the run did not end as the demo expects (passed and approved, "
                    + "scope_violation, the first landed)");
            return report.exitCode() == 0 ? 1 : report.exitCode();
        }
        return 0;
    }

    private static void copyRecipe(Path target) {
        for (String name : resource("FILES").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            Path file = target.resolve(name);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, resource(name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream(RECIPE + name)) {
            if (in == null) {
                throw WtcraftException.fatal("the demo recipe is missing from this build: " + RECIPE + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
