package dev.wtcraft.run;

import dev.wtcraft.io.Sha256;
import dev.wtcraft.model.Canonical;
import dev.wtcraft.model.LibraryPin;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.EffectiveTask;
import dev.wtcraft.plan.Plan;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a task is, for resume: every field of the task as it will run ({@link EffectiveTask}, walked from the
 * records, so a new field counts without being listed here), where it starts (the commit its base resolves to, or
 * the identities of what it depends on) and the recipe libraries' pins. Each input is hashed on its own, so a
 * change can be named; the identity is the hash of them all.
 */
final class TaskIdentity {
    /**
     * Fields of the declared task that the effective task holds resolved, where the resolved value is what counts:
     * every field the effective task has a component of the same name for (so a default cannot hide behind the
     * task's own empty field), and the switches that only turn a default off.
     */
    private static final Set<String> RESOLVED = resolved();

    private TaskIdentity() {
    }

    /** @param inputs each input's name and hash, in a stable order */
    record Identity(String hash, Map<String, String> inputs) {
        /** The inputs whose hash differs from {@code before}'s (all of them when {@code before} has none). */
        List<String> changedFrom(Map<String, String> before) {
            if (before == null || before.isEmpty()) {
                return List.of();
            }
            java.util.Set<String> names = new java.util.TreeSet<>(inputs.keySet());
            names.addAll(before.keySet());
            return names.stream().filter(n -> !java.util.Objects.equals(inputs.get(n), before.get(n))).toList();
        }
    }

    /** @param baseCommit the commit a ref resolves to, for the tasks that start from a ref */
    static Map<String, Identity> of(Plan plan, Function<String, String> baseCommit, String defaultBase) {
        Map<String, Identity> out = new LinkedHashMap<>();
        List<LibraryPin> pins = plan.recipe().libraries();
        for (TaskDef def : plan.order()) {
            EffectiveTask task = plan.effective(def);
            Map<String, String> inputs = new TreeMap<>();
            for (RecordComponent c : EffectiveTask.class.getRecordComponents()) {
                if (!c.getName().equals("def")) {
                    inputs.put(Canonical.snake(c.getName()), hash(Canonical.component(task, c)));
                }
            }
            def.fields().forEach((name, value) -> {
                if (!RESOLVED.contains(name)) {
                    inputs.put(Canonical.snake(name), hash(value));
                }
            });
            if (def.dependsOn().isEmpty()) {
                inputs.put("base_commit", hash(baseCommit.apply(def.base() != null ? def.base() : defaultBase)));
            } else {
                def.dependsOn().forEach(d -> inputs.put("after " + d, out.get(d).hash()));
            }
            if (!pins.isEmpty()) {
                inputs.put("libraries", hash(pins));
            }
            Sha256 all = new Sha256().line("wtcraft-task-v2");
            inputs.forEach((k, v) -> all.line(k + " " + v));
            out.put(def.name(), new Identity(all.hex(), inputs));
        }
        return out;
    }

    private static Set<String> resolved() {
        Set<String> out = new java.util.HashSet<>(Set.of("noReview", "noSandbox"));
        for (RecordComponent c : EffectiveTask.class.getRecordComponents()) {
            out.add(c.getName());
        }
        return Set.copyOf(out);
    }

    private static String hash(Object value) {
        return new Sha256().line(Canonical.of(value)).hex().substring(0, 16);
    }
}
