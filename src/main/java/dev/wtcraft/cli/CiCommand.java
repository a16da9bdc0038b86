package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Thin on purpose: picocli makes every command at start-up, so the YAML writer stays in the ci package. */
@Command(name = "ci", mixinStandardHelpOptions = true,
        description = {"Run the recipe on CI: compile it into a GitHub Actions workflow, one job per task.",
                "github writes the workflow (or checks it is up to date), fetch and push move a task job's branches and ledger to and from origin; see docs/scale-out.md."},
        subcommands = {CiCommand.GithubCommand.class, CiCommand.FetchCommand.class, CiCommand.PushCommand.class})
final class CiCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose one: github, fetch or push");
    }

    @Command(name = "github", mixinStandardHelpOptions = true,
            description = {"Compile the recipe into one GitHub Actions workflow: a job per task, then collect and land.",
                    "Dependencies and colliding scopes become needs, a task's timeout its job's limit, its declared secrets the only ones it gets; the wtcraft jar is pinned by its SHA-256 and every action by its commit.",
                    "Exit 0 written or up to date, 1 --check found the workflow out of date, or a fatal error."})
    static final class GithubCommand extends JsonCommand {
        @Parameters(arity = "0..1", paramLabel = "RECIPE", description = "The recipe (default: wtcraft.groovy in the repository root).")
        Path recipe;

        @Option(names = "--output", paramLabel = "FILE", description = "Where the workflow goes (default: .github/workflows/wtcraft.yml in the repository).")
        Path output;

        @Option(names = "--check", description = "Write nothing; exit 1 when the file differs from what the recipe compiles to (for a CI step).")
        boolean check;

        @Option(names = "--jar-url", paramLabel = "URL", description = "Where the jobs download the wtcraft jar from (default: the recipe's ci { wtcraft url: }).")
        String jarUrl;

        @Option(names = "--jar-sha256", paramLabel = "HEX", description = "The SHA-256 that jar must have (default: the recipe's, else this running jar's).")
        String jarSha256;

        @Override
        int execute() {
            RepoLayout layout = layout();
            Path file = recipe == null ? layout.root().resolve("wtcraft.groovy") : ctx.cwd().resolve(recipe).normalize();
            Plan plan = Plan.of(RecipeCommand.loadRecipe(file), List.of());
            var ci = plan.recipe().ci();
            String url = jarUrl != null ? jarUrl : ci.wtcraftUrl();
            if (url == null) {
                throw WtcraftException.fatal("say where the jobs download wtcraft from: ci { wtcraft url: 'https://…/wtcraft.jar',"
                        + " sha256: '…' } in " + file.getFileName() + ", or --jar-url URL");
            }
            String sha = jarSha256 != null ? jarSha256.toLowerCase(java.util.Locale.ROOT)
                    : ci.wtcraftSha256() != null ? ci.wtcraftSha256() : runningJarSha256();
            if (sha == null) {
                throw WtcraftException.fatal("this wtcraft runs from classes, not a jar, so it cannot pin the jar's SHA-256:"
                        + " give ci { wtcraft url: '…', sha256: '…' } in " + file.getFileName() + ", or --jar-sha256 HEX");
            }
            if (!sha.matches("[0-9a-f]{64}")) {
                throw WtcraftException.fatal("--jar-sha256 must be 64 hex digits, not '" + sha + "'");
            }
            String recipeName = layout.root().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
            var collisions = dev.wtcraft.plan.Collisions.of(plan.order(), plan.recipe().defaults().parallel(),
                    dev.wtcraft.run.RunService.repositoryFiles(layout));
            var workflow = dev.wtcraft.ci.GithubWorkflow.compile(plan, recipeName, collisions,
                    new dev.wtcraft.ci.GithubWorkflow.Install(url, sha, Version.current()));
            String text = dev.wtcraft.ci.GithubWorkflow.yaml(workflow, recipeName, Version.current());
            Path out = output != null ? ctx.cwd().resolve(output).normalize()
                    : layout.root().resolve(dev.wtcraft.ci.GithubWorkflow.DEFAULT_OUTPUT);
            String shown = layout.root().toAbsolutePath().normalize().relativize(out.toAbsolutePath().normalize()).toString();
            String now = null;
            try {
                now = Files.isRegularFile(out) ? Files.readString(out, StandardCharsets.UTF_8) : null;
            } catch (IOException e) {
                throw WtcraftException.fatal("cannot read " + out + ": " + e.getMessage());
            }
            boolean same = text.equals(now);
            int jobs = ((Map<?, ?>) workflow.get("jobs")).size();
            if (check) {
                if (json) {
                    Map<String, Object> doc = dev.wtcraft.task.Protocol.header("ci github", same);
                    doc.put("workflow", shown);
                    doc.put("up_to_date", same);
                    printJson(doc);
                } else if (same) {
                    ctx.out().println("up to date: " + shown);
                } else {
                    ctx.err().println("wtcraft ci github: " + shown + (now == null ? " does not exist" : " is out of date")
                            + ": the recipe compiles to another workflow; run 'wtcraft ci github' and commit the file");
                }
                return same ? ExitCodes.OK : ExitCodes.FATAL;
            }
            if (!same) {
                dev.wtcraft.io.AtomicFiles.write(out, text);
            }
            if (json) {
                Map<String, Object> doc = dev.wtcraft.task.Protocol.header("ci github", true);
                doc.put("workflow", shown);
                doc.put("written", !same);
                doc.put("jobs", jobs);
                printJson(doc);
            } else {
                ctx.out().println((same ? "up to date: " : "wrote ") + shown + " (" + jobs + " jobs: "
                        + plan.order().size() + " tasks, collect" + (ci.land() ? ", land" : "") + ")");
            }
            return ExitCodes.OK;
        }

        /** The SHA-256 of the jar this wtcraft runs from, or null when it runs from classes. */
        static String runningJarSha256() {
            try {
                var source = Version.class.getProtectionDomain().getCodeSource();
                if (source == null) {
                    return null;
                }
                Path jar = Path.of(source.getLocation().toURI());
                if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
                    return null;
                }
                var h = new dev.wtcraft.io.Sha256();
                byte[] buf = new byte[1 << 16];
                try (InputStream in = Files.newInputStream(jar)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        h.bytes(buf, 0, n);
                    }
                }
                return h.hex();
            } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
                return null;
            }
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Fetch what a task job starts from: each dependency's pushed branch, and the task's own earlier result.",
                    "Run in the step before 'run --task NAME --ci', with GITHUB_TOKEN in its environment (the run step never holds it). Exit 0, 1 fatal (a dependency has no branch on origin)."})
    static final class FetchCommand extends BaseCommand {
        @Parameters(index = "0", paramLabel = "TASK", description = "The task the job runs.")
        String task;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "DEPENDENCY", description = "The tasks it depends on directly.")
        List<String> dependencies = new ArrayList<>();

        @Override
        int execute() {
            for (String line : dev.wtcraft.ci.CiTask.fetch(layout(), ctx.env(), task, dependencies)) {
                ctx.out().println("fetched " + line);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true,
            description = {"Push a passed task's branch and its ledger to origin, for the jobs after it and a re-run of its own.",
                    "The branch goes at the commit its gates passed on, as the job's ci.json records it. Exit 0, 1 fatal (the task did not pass, or origin refused)."})
    static final class PushCommand extends BaseCommand {
        @Parameters(index = "0", paramLabel = "TASK", description = "The task the job ran.")
        String task;

        @Option(names = "--ledger", required = true, paramLabel = "DIR", description = "The job's ledger directory (run's --ledger-out).")
        Path ledger;

        @Override
        int execute() {
            for (String line : dev.wtcraft.ci.CiTask.push(layout(), ctx.env(), task, ctx.cwd().resolve(ledger).normalize())) {
                ctx.out().println(line);
            }
            return ExitCodes.OK;
        }
    }
}
