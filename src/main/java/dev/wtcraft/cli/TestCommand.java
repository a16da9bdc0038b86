package dev.wtcraft.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run recipe and library tests (*.wtest.groovy): each builds a scratch repository, runs a recipe there with scripted fake engines, and checks its results.",
                "Without PATH it runs the tests under tests/ of the current directory, else of the repository; each test runs in a repository of its own under the temporary directory.",
                "Exit 0 every test passed, 10 a test failed or could not run its recipe, 1 a test file is wrong (named file:line) or there is none."})
final class TestCommand extends JsonCommand {
    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Test files, or directories searched for *.wtest.groovy (default: tests/ here, else the repository's).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML to FILE, for CI.")
    Path junit;

    @Option(names = "--keep", description = "Keep each test's scratch repository (its path is printed) to look at its worktrees and ledger.")
    boolean keep;

    @Option(names = "--verbose", description = "Print the runs' own progress lines under each test.")
    boolean verbose;

    @Override
    int execute() {
        List<Path> roots = new ArrayList<>();
        paths.forEach(p -> roots.add(ctx.cwd().resolve(p).normalize()));
        Path base = ctx.cwd();
        if (roots.isEmpty()) {
            // the current directory's tests/ (a library or an example inside a repository), else the repository's
            Path top = Files.isDirectory(ctx.cwd().resolve("tests")) ? ctx.cwd() : repositoryOrCwd();
            Path tests = top.resolve("tests");
            if (!Files.isDirectory(tests)) {
                return fail(1, "no tests/ directory in " + top + ": write tests/NAME.wtest.groovy, or name test files or directories");
            }
            roots.add(tests);
            base = top;
        }
        return run(this, roots, base, junit, keep, verbose);
    }

    private Path repositoryOrCwd() {
        try {
            return layout().root();
        } catch (dev.wtcraft.WtcraftException notARepository) {
            return ctx.cwd();
        }
    }

    /** Runs the test files under {@code roots}, prints each test's line and the summary, writes --junit; its exit code. */
    static int run(JsonCommand command, List<Path> roots, Path base, Path junit, boolean keep, boolean verbose) {
        Context ctx = command.ctx;
        List<Path> files = dev.wtcraft.recipetest.TestFiles.find(roots);
        if (files.isEmpty()) {
            return command.fail(1, "no test files (*.wtest.groovy) under " + String.join(", ", roots.stream().map(Path::toString).toList()));
        }
        java.io.PrintStream progress = command.json ? ctx.err() : ctx.out();
        var report = dev.wtcraft.dsl.RecipeTests.run(files,
                new dev.wtcraft.recipetest.TestOptions(base, ctx.env(), progress, verbose, keep));
        if (junit != null) {
            report.writeJunit(ctx.cwd().resolve(junit).normalize());
        }
        int code = report.exitCode();
        if (command.json) {
            var doc = dev.wtcraft.task.Protocol.header("test", code == 0);
            doc.putAll(report.document());
            command.printJson(doc);
        } else {
            progress.println();
            progress.println(report.summary());
        }
        return code;
    }
}
