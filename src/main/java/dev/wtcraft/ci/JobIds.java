package dev.wtcraft.ci;

import dev.wtcraft.model.TaskDef;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job id per task: GitHub allows letters, digits, `-` and `_` and a letter or `_` first, so `feat/auth` becomes
 * `feat-auth`; two names that would give the same id (`feat/a-b`, `feat-a/b`) keep them apart with a hash.
 */
public final class JobIds {
    private static final Set<String> RESERVED = Set.of("collect", "land");

    private JobIds() {
    }

    public static Map<String, String> of(List<TaskDef> tasks) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (TaskDef t : tasks) {
            seen.merge(plain(t.name()), 1, Integer::sum);
        }
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>(RESERVED);
        for (TaskDef t : tasks) {
            String id = plain(t.name());
            if (seen.get(id) > 1 || used.contains(id)) {
                id = id + "-" + shortHash(t.name());
            }
            used.add(id);
            out.put(t.name(), id);
        }
        return out;
    }

    static String plain(String task) {
        String id = task.replaceAll("[^A-Za-z0-9_-]", "-");
        return Character.isLetter(id.charAt(0)) || id.charAt(0) == '_' ? id : "_" + id;
    }

    private static String shortHash(String name) {
        return new dev.wtcraft.io.Sha256().line(name).hex().substring(0, 6);
    }
}
