package dev.wtcraft.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole recipe: what `wtcraft.groovy` (and what it includes) declared, in declaration order.
 *
 * @param sha256    the hash of the recipe's text and every included file's text
 * @param libraries the libraries it uses, as wtcraft.lock pins them
 * @param ci        the `ci { }` block (its defaults when the recipe has none)
 */
public record Recipe(Path file, String sha256, Defaults defaults, Map<String, EngineSpec> engines,
                     List<TaskDef> tasks, List<LibraryPin> libraries, CiSettings ci) {
    public Recipe {
        ci = ci == null ? CiSettings.DEFAULT : ci;
        engines = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(engines));
        tasks = List.copyOf(tasks);
        libraries = List.copyOf(libraries);
    }

    public Optional<TaskDef> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
