package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = {"Work with run ledgers as files: collect the ledgers of a workflow's task jobs into one run.",
                "collect merges the directories each 'run --task NAME --ci --ledger-out DIR' wrote into one run of this repository."},
        subcommands = {LedgerCommand.CollectCommand.class})
final class LedgerCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose one: collect");
    }

    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = {"Merge the ledgers of a workflow's task jobs into one run of this repository.",
                    "The run has the same documents a local run has, so report, show, trace and finish read it; ledgers of another recipe or another base are refused, naming the file.",
                    "Exit 0 collected, 1 fatal."})
    static final class CollectCommand extends JsonCommand {
        @Parameters(arity = "1..*", paramLabel = "DIR", description = "The task jobs' ledger directories.")
        List<Path> dirs = new ArrayList<>();

        @Option(names = "--recipe", paramLabel = "FILE", description = "The recipe, for its task order and the tasks no job left a ledger for (default: wtcraft.groovy, when it is there).")
        Path recipe;

        @Option(names = "--export", paramLabel = "DIR", description = "Also copy the collected run to DIR (for an artifact).")
        Path export;

        @Override
        int execute() {
            var layout = layout();
            List<String> order = new ArrayList<>();
            Path file = recipe == null ? layout.root().resolve("wtcraft.groovy") : ctx.cwd().resolve(recipe).normalize();
            if (recipe != null || java.nio.file.Files.isRegularFile(file)) {
                dev.wtcraft.plan.Plan.of(RecipeCommand.loadRecipe(file), List.of()).order().forEach(t -> order.add(t.name()));
            }
            var collected = dev.wtcraft.ci.LedgerCollect.collect(layout.root(),
                    dirs.stream().map(d -> ctx.cwd().resolve(d).normalize()).toList(), order);
            if (export != null) {
                dev.wtcraft.ci.LedgerCollect.export(collected.dir(), ctx.cwd().resolve(export).normalize());
            }
            if (json) {
                Map<String, Object> doc = dev.wtcraft.task.Protocol.header("ledger collect", true);
                doc.put("run_id", collected.runId());
                doc.put("ledger", collected.dir().toString());
                doc.put("ledgers", collected.ledgers());
                Map<String, Object> tasks = new java.util.LinkedHashMap<>();
                collected.run().tasks().forEach((k, v) -> tasks.put(k, v.outcome().wire()));
                doc.put("tasks", tasks);
                printJson(doc);
            } else {
                ctx.out().println("collected " + collected.ledgers() + " ledgers into run " + collected.runId() + " ("
                        + layout.root().relativize(collected.dir()) + (export == null ? "" : "; copied to " + export) + ")");
                collected.run().tasks().forEach((k, v) -> ctx.out().println("  " + k + ": " + v.outcome().wire()
                        + (v.reason() == null ? "" : " (" + v.reason() + ")")));
            }
            return ExitCodes.OK;
        }
    }
}
