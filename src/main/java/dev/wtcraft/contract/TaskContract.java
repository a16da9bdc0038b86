package dev.wtcraft.contract;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed `.worktree-task.md`: front matter (in file order) and the three sections the tool acts on.
 */
public record TaskContract(Path file, Map<String, String> frontMatter, List<String> scope,
                           List<String> offLimits, List<String> verification) {

    /** Lifecycle keys that legacy contracts kept in the front matter, before the state file existed. */
    public static final Set<String> LEGACY_LIFECYCLE_KEYS =
            Set.of("agent", "status", "stage", "role", "verify_result", "verified");

    public TaskContract {
        frontMatter = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(frontMatter));
        scope = List.copyOf(scope);
        offLimits = List.copyOf(offLimits);
        verification = List.copyOf(verification);
    }

    public Optional<String> get(String key) {
        String v = frontMatter.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public Optional<String> base() {
        return get("base");
    }

    public boolean hasLegacyLifecycleKeys() {
        return frontMatter.keySet().stream().anyMatch(LEGACY_LIFECYCLE_KEYS::contains);
    }
}
