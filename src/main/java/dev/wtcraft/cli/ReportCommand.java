package dev.wtcraft.cli;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.report.GithubAnnotations;
import dev.wtcraft.report.HtmlReport;
import dev.wtcraft.report.JunitReport;
import dev.wtcraft.report.RunData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write reports from a run's ledger: an HTML page, JUnit XML or GitHub annotations.",
                "--html writes one self-contained page (graph, timeline, files, steps, review, spend, ledger links), --junit JUnit XML for CI, --github GitHub Actions annotations on stdout.",
                "Exit 0 written, 1 fatal."})
final class ReportCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "RUN", description = "The run: an id, a unique prefix, or last (default).")
    String run = "last";

    @Option(names = "--html", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
            description = "Write the HTML report (default: report.html in the run's ledger).")
    String html;

    @Option(names = "--junit", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
            description = "Write JUnit XML (default: junit.xml in the run's ledger).")
    String junit;

    @Option(names = "--github", description = "Print GitHub Actions annotations for violations and failed steps.")
    boolean github;

    @Override
    int execute() {
        if (html == null && junit == null && !github) {
            throw WtcraftException.fatal("choose a report: --html [FILE], --junit [FILE] and/or --github");
        }
        Path root = layout().root();
        RunData data = RunData.load(root, run);
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

    private static String display(Path root, Path file) {
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }
}
