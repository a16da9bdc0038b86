package dev.wtcraft.dsl

import dev.wtcraft.io.Sha256
import dev.wtcraft.library.LibraryResolver
import dev.wtcraft.model.SourceLocation
import dev.wtcraft.plan.RecipeException
import org.codehaus.groovy.control.CompilationFailedException
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.messages.SyntaxErrorMessage

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.util.stream.Collectors

/**
 * The libraries of one recipe evaluation, and the class loader through which the recipe sees their `src/`
 * classes. Each library is compiled once per content hash (vars/ and src/ in one unit, cached like recipes), in a
 * loader of its own, so two libraries never see each other's classes.
 */
final class RecipeLibraries extends ClassLoader {
    /** Every compiled library class file is named so (the library's content hash follows). */
    static final String CLASS_PREFIX = 'wtcraft_lib_'

    final Map<String, RecipeLibrary> byName = [:]
    /** The classes of the pure libraries among them (a recipe may use those and stay pure). */
    final Set<String> pureClasses = [] as Set
    private final List<ClassLoader> loaders = []

    RecipeLibraries(ClassLoader parent) {
        super(parent)
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader l : loaders) {
            try {
                return l.loadClass(name)
            } catch (ClassNotFoundException ignored) {
                // the next library's
            }
        }
        throw new ClassNotFoundException(name)
    }

    /** Compiles (or takes from the cache) one resolved library, and makes it callable under its name. */
    RecipeLibrary add(String name, LibraryResolver.Resolved r, RecipeBuilder builder) {
        Path dir = r.dir()
        String tag = CLASS_PREFIX + r.pin().sha256().substring(0, 12) + '_'
        Map<String, Path> files = [:] // unit name -> file
        Map<String, String> steps = [:]
        Path vars = dir.resolve('vars')
        if (Files.isDirectory(vars)) {
            Files.list(vars).withCloseable { s -> s.filter { it.fileName.toString().endsWith('.groovy') }.sorted().toList() }.each { Path f ->
                String step = f.fileName.toString() - ~/\.groovy$/
                if (step ==~ /[A-Za-z_][A-Za-z0-9_]*/) {
                    files[tag + step + '.groovy'] = f
                    steps[step] = tag + step
                }
            }
        }
        Path src = dir.resolve('src')
        if (Files.isDirectory(src)) {
            Files.walk(src).withCloseable { s -> s.filter { it.fileName.toString().endsWith('.groovy') && Files.isRegularFile(it) }.sorted().toList() }.each { Path f ->
                files[tag + 'src_' + src.relativize(f).toString().replaceAll(/[^A-Za-z0-9_]/, '_') + '.groovy'] = f
            }
        }
        Map<String, RecipeBuilder.Source> sources = files.collectEntries { unit, Path f ->
            [unit, new RecipeBuilder.Source(f, name + ':' + dir.relativize(f), RecipeText.read(f, 'library file', name + ':' + dir.relativize(f)))]
        }
        builder.sources.putAll(sources)

        String key = new Sha256().line(CompiledRecipes.TOOL_KEY).line('library').line(r.pin().sha256()).hex()
        CompiledRecipes.Entry entry = CompiledRecipes.read(key)
        ClassLoader loader
        List<String> impure
        List<String> loaderNames = []
        if (entry != null) {
            loader = new RecipeClassLoader(parent, entry.classes)
            impure = entry.note('purity') == ['pure'] ? [] : entry.note('purity')
        } else {
            def purity = RecipePurity.forLibrary()
            def config = RecipeCompiler.configuration()
            config.scriptBaseClass = LibraryScript.name
            config.addCompilationCustomizers(purity)
            def unit = new CompilationUnit(config, null, new GroovyClassLoader(parent, config))
            sources.each { unit.addSource(it.key, it.value.lines.join('\n')) }
            try {
                unit.compile(Phases.CLASS_GENERATION)
            } catch (MultipleCompilationErrorsException e) {
                throw compileError(sources, name, e)
            } catch (CompilationFailedException e) {
                throw new RecipeException(new SourceLocation(dir, name, 0, 0), "library '${name}' cannot compile: ${e.message}")
            }
            Map<String, byte[]> bytes = unit.classes.collectEntries { [it.name, it.bytes] }
            impure = purity.reasons.collect { "library ${name}: " + it }
            if (!bytes.isEmpty()) {
                String main = bytes.keySet().sort().first()
                CompiledRecipes.store(key, main, bytes, impure)
            }
            loader = new RecipeClassLoader(parent, bytes)
            loaderNames = bytes.keySet() as List
        }
        loaders << loader
        if (impure.isEmpty()) {
            pureClasses.addAll(entry != null ? entry.names : loaderNames)
        }
        def library = new RecipeLibrary(name, r.pin(), dir, loader, steps, impure)
        byName[name] = library
        library
    }

    private static RecipeException compileError(Map<String, RecipeBuilder.Source> sources, String name,
                                                MultipleCompilationErrorsException e) {
        def message = e.errorCollector.errors ? e.errorCollector.errors.first() : null
        if (message instanceof SyntaxErrorMessage) {
            def cause = ((SyntaxErrorMessage) message).cause
            RecipeBuilder.Source s = sources[cause.sourceLocator] ?: sources.values().find { cause.sourceLocator?.endsWith(it.file.fileName.toString()) }
            String text = cause.originalMessage.replaceAll(/\s*@ line \d+, column \d+\.?$/, '').trim()
            if (s != null) {
                return new RecipeException(RecipeBuilder.at(s, cause.line, cause.startColumn), "library '${name}': ${text}")
            }
            return new RecipeException(new SourceLocation(null, name, 0, 0), "library '${name}': ${text}")
        }
        new RecipeException(new SourceLocation(null, name, 0, 0),
                "library '${name}' cannot compile: ${e.message.readLines().find { it.trim() } ?: e.message}")
    }
}
