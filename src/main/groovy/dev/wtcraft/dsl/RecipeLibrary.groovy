package dev.wtcraft.dsl

import dev.wtcraft.model.LibraryPin
import dev.wtcraft.model.Names
import dev.wtcraft.model.Prompt

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path

/**
 * A library as a recipe sees it, under its name: `acme.standardChecks()` runs `vars/standardChecks.groovy`'s
 * `call()`, and `acme.prompt('review', lang: 'Java')` reads `prompts/review.md` with its {{placeholders}} filled.
 */
class RecipeLibrary {
    final String name
    final LibraryPin pin
    final Path dir
    final ClassLoader loader
    /** step name -> the class compiled from vars/NAME.groovy */
    final Map<String, String> steps
    /** Why this library's code makes a recipe's evaluation unfit for caching (empty when it is pure). */
    final List<String> impure

    RecipeLibrary(String name, LibraryPin pin, Path dir, ClassLoader loader, Map<String, String> steps, List<String> impure) {
        this.name = name
        this.pin = pin
        this.dir = dir
        this.loader = loader
        this.steps = steps
        this.impure = impure
    }

    def methodMissing(String step, Object args) {
        String cls = steps[step]
        if (cls == null) {
            throw new DslError("library '${name}' has no step '${step}'${Names.suggestion(step, steps.keySet())}"
                    + " (its steps: ${steps.keySet().sort().join(', ') ?: 'none'}; a step is vars/NAME.groovy with a call method)")
        }
        LibraryScript script = (LibraryScript) Class.forName(cls, true, loader).getDeclaredConstructor().newInstance()
        script.library = this
        Object[] arguments = args as Object[]
        if (accepts(script, arguments)) {
            return script.invokeMethod('call', arguments)
        }
        // `task acme.bump('x') { attempts 2 }`: Groovy hands the recipe's block to the step; it adds to the step's task
        if (arguments.length > 0 && arguments[-1] instanceof Closure) {
            Object[] stepArguments = arguments.length == 1 ? new Object[0] : arguments[0..-2] as Object[]
            if (accepts(script, stepArguments)) {
                return withBlock(step, script.invokeMethod('call', stepArguments), (Closure) arguments[-1])
            }
        }
        throw new DslError("library step ${name}.${step} takes no such arguments: ${BlockDelegate.describe(arguments)}"
                + " (vars/${step}.groovy must define call with matching parameters)")
    }

    /** Whether the step's call takes these arguments, all of them: Groovy would pass null for a missing one. */
    private static boolean accepts(LibraryScript script, Object[] arguments) {
        script.metaClass.respondsTo(script, 'call', arguments).any { MetaMethod m ->
            m.parameterTypes.length == arguments.length || m.isVargsMethod()
        }
    }

    private Object withBlock(String step, Object result, Closure body) {
        if (result instanceof TaskTemplate) {
            return ((TaskTemplate) result).plus(body)
        }
        throw new DslError("a block after ${name}.${step}(...) adds to the task the step returns, but it returned ${BlockDelegate.describe(result)}:"
                + " pass the block to the keyword that takes it instead")
    }

    def propertyMissing(String property) {
        throw new DslError("library '${name}' has no property '${property}': call a step with parentheses, like ${name}.${property}()")
    }

    Prompt prompt(Object name) {
        prompt([:], name)
    }

    /** prompts/NAME (or NAME.md, NAME.txt) with each {{key}} replaced by its value; a key without a value fails. */
    Prompt prompt(Map values, Object promptName) {
        if (!(promptName instanceof CharSequence)) {
            throw new DslError("wrong argument for ${name}.prompt: expected a prompt name, got ${BlockDelegate.describe(promptName)}")
        }
        String n = promptName.toString()
        Path prompts = dir.resolve('prompts')
        Path file = [n, n + '.md', n + '.txt'].collect { prompts.resolve(it).normalize() }
                .find { it.startsWith(prompts) && Files.isRegularFile(it, LinkOption.NOFOLLOW_LINKS) }
        if (file == null) {
            def known = Files.isDirectory(prompts) ? Files.list(prompts).withCloseable { s -> s.map { it.fileName.toString() }.toList().sort() } : []
            throw new DslError("library '${name}' has no prompt '${n}'${Names.suggestion(n, known.collect { it.replaceAll(/\.(md|txt)$/, '') } as Set)}"
                    + " (its prompts/: ${known.join(', ') ?: 'none'})")
        }
        String text = RecipeText.read(file, 'prompt file', "${name}:prompts/${file.fileName}")
        String filled = text.replaceAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*}}/) { all, String key ->
            if (!values.containsKey(key)) {
                throw new DslError("prompt '${n}' of library '${name}' needs a value for {{${key}}}: ${name}.prompt('${n}', ${key}: ...)")
            }
            String.valueOf(values[key]) // taken literally: Groovy quotes a closure's replacement
        }
        new Prompt(RecipeText.check(filled, "prompt '${n}' of library '${name}'"), file)
    }

    @Override
    String toString() {
        "library '${name}' (${pin.source()}@${pin.ref()}, ${pin.commit().substring(0, 12)})"
    }
}
