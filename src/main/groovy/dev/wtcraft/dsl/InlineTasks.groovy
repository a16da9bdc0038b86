package dev.wtcraft.dsl

import dev.wtcraft.io.JsonText
import dev.wtcraft.io.Sha256
import dev.wtcraft.model.Defaults
import dev.wtcraft.model.Recipe
import dev.wtcraft.model.SourceLocation
import dev.wtcraft.plan.RecipeException

import java.nio.file.Files
import java.nio.file.Path

/**
 * Tasks given as data (an MCP client's `tasks`), in the recipe's own keyword names, made into a recipe through the
 * same task delegate a `task(...) { }` block runs on: a value the DSL refuses is refused with the DSL's words. The
 * recipe file, when there is one, gives the engines and defaults (loaded as `run` loads it, so its refusals stand);
 * its own tasks are left out.
 */
final class InlineTasks {
    /** The keywords a task takes as plain values; the others (blocks, budget's options) are written in a recipe. */
    static final List<String> FIELDS = ['engine', 'prompt', 'scope', 'offLimits', 'dependsOn', 'base', 'group',
                                        'attempts', 'timeout', 'verify']

    private InlineTasks() {
    }

    static Recipe recipe(Path recipeFile, List<Map<String, Object>> tasks) {
        Recipe base = Files.isRegularFile(recipeFile) ? Recipes.load(recipeFile) : null
        RecipeBuilder builder = new RecipeBuilder(recipeFile)
        tasks.eachWithIndex { Map<String, Object> fields, int i ->
            String display = "tasks[${i}]"
            try {
                Object name = fields.name
                if (!(name instanceof CharSequence)) {
                    throw new DslError("each task needs a name, like: {\"name\": \"feat/x\", ...}")
                }
                // the block sees only its delegate: the filling-in is a local closure, resolved here, handed it
                Closure fill = { TaskDelegate d -> apply(d, fields) }
                builder.task(name.toString(), { -> fill.call(delegate) })
            } catch (DslError e) {
                throw new RecipeException(new SourceLocation(recipeFile, display, 0, 0), e.message)
            }
        }
        if (tasks.isEmpty()) {
            throw new RecipeException(new SourceLocation(recipeFile, 'tasks', 0, 0), 'no tasks given')
        }
        String sha = new Sha256().line(base?.sha256() ?: '').line(JsonText.write(tasks)).hex()
        new Recipe(recipeFile, sha, base?.defaults() ?: Defaults.none(), base?.engines() ?: [:], builder.tasks,
                base?.libraries() ?: [], base?.ci())
    }

    private static void apply(TaskDelegate d, Map<String, Object> fields) {
        fields.each { String key, Object value ->
            if (key == 'name' || value == null) {
                return
            }
            if (!FIELDS.contains(key)) {
                if (TaskDelegate.KEYWORDS.contains(key)) {
                    throw new DslError("'${key}' in ${d.where()} cannot be given inline: declare the task in the recipe instead")
                }
                d.methodMissing(key, [value] as Object[]) // the DSL's own words for an unknown keyword
            }
            List<Object> values = value instanceof List ? (List<Object>) value : [value]
            switch (key) {
                case 'verify':
                    values.each { Object command -> d.verify { run command } }
                    break
                case 'scope':
                    d.scope(values as Object[])
                    break
                case 'offLimits':
                    d.offLimits(values as Object[])
                    break
                case 'dependsOn':
                    d.dependsOn(values as Object[])
                    break
                default:
                    if (value instanceof List) {
                        throw new DslError("wrong arguments for '${key}' in ${d.where()}: one value, not a list")
                    }
                    d."${key}"(value)
            }
        }
    }
}
