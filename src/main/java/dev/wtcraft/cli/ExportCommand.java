package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.engine.BundleExport;
import dev.wtcraft.ledger.BundleManifest;
import dev.wtcraft.ledger.RunHistory;
import dev.wtcraft.task.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write one task of a recorded run as a replay bundle, a single self-contained file.",
                "The bundle (a zip: manifest.json, stream.jsonl, change.patch) holds the last attempt's engine stream as its parser read it, which CLI produced it, its exit code, the base commit and the change from it (a binary-safe git patch).",
                "A recipe replays it with: replay 'name', 'FILE' (its check, verification and review then run on the same change).",
                "Exit 0 written, 1 fatal (no such run or task, its commits gone, a symbolic link in the change)."})
final class ExportCommand extends JsonCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run: an id, a unique prefix, or last.")
    String run;

    @Parameters(index = "1", paramLabel = "TASK", description = "The task of that run to export.")
    String task;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write the bundle (default: TASK.wtcraft-bundle in the current directory, each / of the task's name a -); an existing file is replaced atomically.")
    Path output;

    @Override
    int execute() {
        Path root = layout().root();
        RunHistory history = new RunHistory(root);
        String runId = history.resolve(run);
        Path out = ctx.cwd().resolve(output != null ? output : Path.of(task.replace('/', '-') + ".wtcraft-bundle"))
                .normalize();
        BundleExport.Exported done = BundleExport.export(root, history.dir(runId), runId, task, out, Version.current());
        BundleManifest m = done.manifest();
        if (json) {
            Map<String, Object> doc = Protocol.header("export", true);
            doc.put("run_id", runId);
            doc.put("task", task);
            doc.put("bundle", out.toString());
            doc.put("cli", m.cli());
            doc.put("attempt", m.attempt());
            doc.put("base_commit", m.baseCommit());
            doc.put("files", m.files().stream().map(BundleManifest.File::path).toList());
            doc.put("stream_lines", m.streamLines());
            printJson(doc);
        } else {
            ctx.out().println("wrote " + out + ": task " + task + " of run " + runId + " (attempt " + m.attempt()
                    + ", " + m.cli() + ", " + m.streamLines() + " stream lines, " + m.files().size() + " changed files)");
        }
        return ExitCodes.OK;
    }
}
