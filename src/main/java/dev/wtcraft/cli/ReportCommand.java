package dev.wtcraft.cli;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.ledger.RunHistory;
import dev.wtcraft.report.GithubAnnotations;
import dev.wtcraft.report.HtmlReport;
import dev.wtcraft.report.JunitReport;
import dev.wtcraft.report.RunData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write reports from a run's ledger: an HTML page, JUnit XML or GitHub annotations.",
                "--html writes one self-contained page (graph, timeline, files, steps, review, spend, ledger links), --junit JUnit XML for CI, --github GitHub Actions annotations on stdout.",
                "Exit 0 written, 1 fatal."})
final class ReportCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "RUN", description = "The run: an id, a unique prefix, or last (default).")
    String run;

    @Option(names = "--html", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
            description = "Write the HTML report (default: report.html in the run's ledger). A value that names a recorded run is that run (report --html RUN); write ./NAME for a file named like a run.")
    String html;

    @Option(names = "--junit", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
            description = "Write JUnit XML (default: junit.xml in the run's ledger). A value that names a recorded run is that run (report --junit RUN); write ./NAME for a file named like a run.")
    String junit;

    @Option(names = "--github", description = "Print GitHub Actions annotations for violations and failed steps.")
    boolean github;

    @Override
    int execute() {
        if (html == null && junit == null && !github) {
            throw WtcraftException.fatal("choose a report: --html [FILE], --junit [FILE] and/or --github");
        }
        Path root = layout().root();
        RunHistory history = new RunHistory(root);
        String positional = run;
        html = asRun("--html", html, history, positional);
        junit = asRun("--junit", junit, history, positional);
        RunData data = RunData.load(root, run == null ? "last" : run);
        if (html != null) {
            Path out = html.isEmpty() ? data.ledger().resolve("report.html") : ctx.cwd().resolve(html).normalize();
            AtomicFiles.write(out, HtmlReport.render(data, out));
            (github ? ctx.err() : ctx.out()).println("wrote " + display(root, out));
        }
        if (junit != null) {
            Path out = junit.isEmpty() ? data.ledger().resolve("junit.xml") : ctx.cwd().resolve(junit).normalize();
            AtomicFiles.write(out, JunitReport.render(data));
            (github ? ctx.err() : ctx.out()).println("wrote " + display(root, out));
        }
        if (github) {
            GithubAnnotations.render(data).forEach(ctx.out()::println);
        }
        return 0;
    }

    /**
     * picocli gives {@code report --html RUN} the run as the option's value. A value that names a recorded run (an
     * id, a unique prefix, or last) is taken as the run when no RUN was given and no file of that name is there:
     * the report then goes to its default file. A value that could be either is refused rather than guessed; any
     * other value is the file. Returns the file ("" for the default).
     */
    private String asRun(String option, String value, RunHistory history, String positional) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        List<String> ids = history.runIds();
        List<String> named = value.equals("last") || value.equals("latest") ? ids
                : ids.contains(value) ? List.of(value) : ids.stream().filter(id -> id.startsWith(value)).toList();
        if (named.isEmpty()) {
            return value;
        }
        if (positional == null && value.equals(run)) {
            return "";                                    // --html RUN --junit RUN
        }
        String why = positional != null ? "a RUN (" + positional + ") is given too"
                : run != null ? "the other report names run '" + run + "'"
                : java.nio.file.Files.exists(ctx.cwd().resolve(value)) ? "a file '" + value + "' exists here"
                : named.size() > 1 && !value.equals("last") && !value.equals("latest")
                ? "it is a prefix of several runs (" + String.join(", ", named) + ")" : null;
        if (why != null) {
            throw WtcraftException.fatal("'" + option + " " + value + "' names a run, but " + why
                    + ": write 'wtcraft report " + value + " " + option + "' for that run's report, or '" + option + " ./" + value
                    + "' for a file");
        }
        run = value;
        return "";
    }

    private static String display(Path root, Path file) {
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }
}
