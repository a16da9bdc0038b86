package dev.wtcraft.run;

import dev.wtcraft.io.Sha256;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.Step;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A task's content hash: its recipe text (as records), prompt, engine, and inputs: the commit its base resolves
 * to, or the hashes of what it depends on. A passed task whose hash is unchanged is not run again on resume.
 */
final class TaskHashes {
    private TaskHashes() {
    }

    /** @param baseCommit commit id of a ref, for the tasks that start from a ref rather than a dependency */
    static Map<String, String> of(Plan plan, java.util.function.Function<String, String> baseCommit, String defaultBase) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (TaskDef t : plan.order()) {
            Sha256 h = new Sha256().line("wtcraft-task-v1").line(t.name()).line(String.valueOf(t.engine()));
            EngineSpec e = RunPreflight.engineSpec(plan, t);
            if (e != null) {
                h.line(e.kind().wire()).line(String.valueOf(e.command())).line(String.valueOf(e.binary()))
                        .line(String.valueOf(e.model())).line(String.valueOf(e.args()))
                        .line(String.valueOf(new TreeMap<>(e.env()))).line(String.valueOf(e.timeout()))
                        .line(String.valueOf(e.maxTurns()))
                        .line(e.replay() == null ? "-" : e.replay().toString());
            }
            h.line(t.prompt() == null ? "" : t.prompt().text());
            h.line(String.valueOf(t.scope())).line(String.valueOf(t.offLimits()));
            for (Step s : t.verify()) {
                h.line(s.command() + " " + s.timeout());
            }
            h.line(String.valueOf(t.timeout())).line(String.valueOf(t.attempts())).line(String.valueOf(t.group()))
                    .line(String.valueOf(t.budget())).line(String.valueOf(t.base()));
            if (t.dependsOn().isEmpty()) {
                h.line("base " + baseCommit.apply(t.base() != null ? t.base() : defaultBase));
            } else {
                t.dependsOn().forEach(d -> h.line("after " + d + " " + hashes.get(d)));
            }
            hashes.put(t.name(), h.hex());
        }
        return hashes;
    }
}
