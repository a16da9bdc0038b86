package dev.wtcraft.dsl

import dev.wtcraft.model.Names
import dev.wtcraft.WtcraftException
import dev.wtcraft.io.Sha256
import dev.wtcraft.model.Recipe
import dev.wtcraft.library.LibraryException
import dev.wtcraft.library.LibraryResolver
import dev.wtcraft.library.LibraryStore
import dev.wtcraft.library.LockFile
import dev.wtcraft.library.TrustStore
import dev.wtcraft.model.LibraryPin
import dev.wtcraft.plan.RecipeCache
import dev.wtcraft.plan.RecipeException
import org.codehaus.groovy.ast.AnnotatedNode
import org.codehaus.groovy.ast.AnnotationNode
import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilationFailedException
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer
import org.codehaus.groovy.control.messages.ExceptionMessage
import org.codehaus.groovy.control.messages.SyntaxErrorMessage
import org.codehaus.groovy.syntax.SyntaxException

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.NoSuchFileException
import java.nio.file.Path
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.tools.GroovyClass

/**
 * Compiles and runs `wtcraft.groovy` into a Recipe. The one compiler configuration every entry point uses
 * (run, plan, and later the shell): recipe base class, UTF-8, and no dependency fetching (@Grab).
 */
class RecipeCompiler {
    /** Every compiled recipe class's name starts so (the file name is derived from the content's hash). */
    static final String CLASS_PREFIX = 'wtcraft_recipe_'
    /** Recipe and library classes both start so: their frames tell which line of which file is running. */
    static final String FRAME_PREFIX = 'wtcraft_'

    private static final Set<String> GRAB = ['Grab', 'GrabResolver', 'GrabConfig', 'GrabExclude', 'Grapes'] as Set

    /** The recipe's libraries: the parent of the recipe's classes, so `src/` classes resolve by name. */
    @Lazy private RecipeLibraries libraries = new RecipeLibraries(RecipeCompiler.classLoader)
    /** Made only when a file must be compiled: a cached recipe needs no compiler at all. */
    @Lazy private GroovyClassLoader loader = new GroovyClassLoader(libraries, configuration())
    private final Sha256 hash = new Sha256()

    /** Libraries to resolve afresh, whatever wtcraft.lock says (`wtcraft lib update NAME`). */
    Set<String> refresh = [] as Set
    /** Resolve every library afresh (`wtcraft lib update`). */
    boolean refreshAll
    /** Who is asked about an untrusted library source. */
    LibraryResolver.Asker asker = LibraryResolver.CONSOLE
    LibraryStore store = new LibraryStore()
    TrustStore trust = new TrustStore()

    /** Loads a recipe; every mistake is a RecipeException naming file, line and column. */
    static Recipe load(Path recipeFile) {
        new RecipeCompiler().compile(recipeFile)
    }

    static CompilerConfiguration configuration() {
        def config = new CompilerConfiguration()
        config.scriptBaseClass = RecipeScript.name
        config.sourceEncoding = 'UTF-8'
        config.disabledGlobalASTTransformations = ['groovy.grape.GrabAnnotationTransformation'] as Set
        config.addCompilationCustomizers(new NoGrab(), new RecipeLimits.NoExit(), new RecipeLimits.Deadline())
        config
    }

    Recipe compile(Path recipeFile) {
        def builder = new RecipeBuilder(recipeFile)
        String display = recipeFile.fileName.toString()
        String text = run(builder, recipeFile, display)
        Recipe recipe = builder.build(hash.hex())
        if (builder.impure.isEmpty()) {
            RecipeCache.store(recipeFile, text, recipe, builder.inputs)
        }
        recipe
    }

    /** `include 'path'`: compiled and run with the same builder, relative to the including file. */
    void include(RecipeBuilder builder, String path) {
        Path file = builder.currentDir().resolve(path).normalize()
        String display = builder.recipeFile.toAbsolutePath().parent.relativize(file.toAbsolutePath()).toString()
        if (builder.including.any { it.file == file }) {
            def chain = (builder.including.toList().reverse().collect { it.display } + [display]).join(' -> ')
            throw new DslError("include cycle: ${chain}")
        }
        if (!Files.isRegularFile(file)) {
            throw new DslError("included file not found: ${path} (looked for ${file})")
        }
        run(builder, file, display)
    }

    /** Compiles (or takes from the cache) and runs one recipe file; returns its text. */
    private String run(RecipeBuilder builder, Path file, String display) {
        String text
        try {
            text = RecipeText.read(file, builder.including.isEmpty() ? 'recipe' : 'included file', display)
        } catch (NoSuchFileException ignored) {
            throw WtcraftException.fatal("recipe not found: ${file} (write a wtcraft.groovy or name one: wtcraft run PATH)")
        }
        hash.line('file ' + display + ' ' + text.length())
        if (!builder.including.isEmpty()) {
            builder.inputs << new RecipeCache.Input(file, new Sha256().bytes(text.getBytes(StandardCharsets.UTF_8)).hex())
        }
        hash.line(text)
        boolean main = builder.including.isEmpty()
        // the class name comes from the content, so a compiled copy can be cached and found again
        String key = compileKey(builder, main, display, text)
        String synthetic = CLASS_PREFIX + key.substring(0, 20) + '.groovy'
        def source = new RecipeBuilder.Source(file, display, text)
        builder.sources[synthetic] = source
        Class<?> scriptClass = null
        List<String> impure = null
        List<LibraryDeclarations.Declaration> declared = null
        boolean parsed = false
        List<String> hashes = []
        CompiledRecipes.Entry entry = CompiledRecipes.read(key)
        if (entry != null) {
            if (main) {
                declared = LibraryDeclarations.decode(entry.note('libraries'))
                parsed = true
                hashes = useLibraries(builder, source, declared)
            }
            // classes compiled against other library files are not reused
            if (!main || hashes == entry.note('library-hashes')) {
                scriptClass = CompiledRecipes.define(entry, libraries)
                impure = scriptClass == null ? null : CompiledRecipes.impurity(key)
            }
        }
        if (scriptClass == null) {
            List<GroovyClass> classes
            def purity = new RecipePurity(builder.libraries.keySet(), libraries.pureClasses)
            try {
                def config = configuration()
                config.addCompilationCustomizers(purity)
                def unit = new CompilationUnit(config, null, loader)
                unit.addSource(synthetic, text)
                unit.compile(Phases.CONVERSION)
                if (main && !parsed) {
                    declared = LibraryDeclarations.find(unit.AST.modules.first(), source)
                    hashes = useLibraries(builder, source, declared)
                }
                unit.compile(Phases.CLASS_GENERATION)
                classes = unit.classes
            } catch (MultipleCompilationErrorsException e) {
                throw compileError(source, e)
            } catch (CompilationFailedException e) {
                throw new RecipeException(RecipeBuilder.at(source, 1, 1), "cannot compile: ${e.message}")
            }
            String mainClass = synthetic.replace('.groovy', '')
            Map<String, byte[]> bytes = classes.collectEntries { [it.name, it.bytes] }
            impure = purity.reasons
            Map<String, List<String>> notes = main ? [libraries: LibraryDeclarations.encode(declared), 'library-hashes': hashes] : [:]
            // stored under the lock as resolving left it: that is the lock the next run finds
            CompiledRecipes.store(compileKey(builder, main, display, text), mainClass, bytes, impure, notes)
            scriptClass = CompiledRecipes.define(mainClass, bytes, libraries)
        }
        impure.each { builder.impure << (display + ': ' + it) }
        RecipeScript script = (RecipeScript) scriptClass.getDeclaredConstructor().newInstance()
        script.builder = builder
        script.compiler = this
        builder.libraries.each { name, library -> script.binding.setVariable(name, library) }
        builder.including.push(source)
        try {
            RecipeLimits.reading(display) { script.run() } // the outermost file's deadline covers what it includes
        } catch (RecipeException e) {
            throw e
        } catch (WtcraftException e) {
            throw e
        } catch (DslError e) {
            throw new RecipeException(builder.locate(e.stackTrace), e.message)
        } catch (MissingPropertyException e) {
            throw new RecipeException(builder.locate(e.stackTrace), "unknown name '${e.property}'"
                    + Names.suggestion(e.property, RecipeScript.KEYWORDS) + ' (recipe variables are declared with def)')
        } catch (MissingMethodException e) {
            throw new RecipeException(builder.locate(e.stackTrace), "unknown keyword '${e.method}'"
                    + Names.suggestion(e.method, RecipeScript.KEYWORDS))
        } catch (StackOverflowError e) {
            throw new RecipeException(builder.locate(e.stackTrace), 'recipe code recursed too deeply')
        } catch (RecipeLimits.Expired e) {
            throw timedOut(builder, e)
        } catch (Exception e) {
            if (RecipeLimits.expired()) {
                throw timedOut(builder, e) // a sleep or wait the deadline interrupted
            }
            throw new RecipeException(builder.locate(e.stackTrace),
                    "recipe code threw ${e.getClass().simpleName}: ${e.message}")
        } finally {
            builder.including.pop()
        }
        text
    }

    private static RecipeException timedOut(RecipeBuilder builder, Throwable e) {
        new RecipeException(builder.locate(e.stackTrace), "the recipe was still running after "
                + dev.wtcraft.model.Durations.format(RecipeLimits.timeout()) + " (an endless loop?): reading a recipe is "
                + 'bounded by WTCRAFT_EVAL_TIMEOUT (default 60s); fix the loop, or raise it if the recipe really needs longer')
    }

    /**
     * What a compiled recipe file is cached under: this build's DSL, the file's name and text, and the libraries
     * it was compiled against (for the main recipe its wtcraft.lock, as they are not resolved yet).
     */
    private static String compileKey(RecipeBuilder builder, boolean main, String display, String text) {
        def key = new Sha256().line(CompiledRecipes.TOOL_KEY).line(display).line(text)
        Path lock = LockFile.of(builder.recipeFile)
        if (main && Files.isRegularFile(lock)) {
            key.line('lock').bytes(Files.readAllBytes(lock))
        } else if (!main && builder.libraryPins) {
            key.line('libraries ' + builder.libraryPins*.sha256().join(' ')) // an include sees the libraries' classes too
        }
        key.hex()
    }

    /** Resolves the main recipe's libraries and makes them callable; returns their content hashes. */
    private List<String> useLibraries(RecipeBuilder builder, RecipeBuilder.Source source,
                                      List<LibraryDeclarations.Declaration> declared) {
        builder.librariesBlock = declared != null
        if (!declared) {
            return []
        }
        def resolver = new LibraryResolver(builder.recipeFile, store, trust, asker, refresh, refreshAll)
        def first = declared.first()
        Map<String, LibraryPin> before
        try {
            before = LockFile.read(resolver.lockFile())
        } catch (LibraryException e) {
            throw new RecipeException(RecipeBuilder.at(source, first.line, first.column), e.message)
        }
        List<LibraryResolver.Resolved> resolved = declared.collect { d ->
            try {
                resolver.resolve(d.use, before)
            } catch (LibraryException e) {
                throw new RecipeException(RecipeBuilder.at(source, d.line, d.column), e.message)
            }
        }
        resolver.lock(before, resolved)
        resolved.eachWithIndex { LibraryResolver.Resolved r, int i ->
            RecipeLibrary library = libraries.add(declared[i].use.name(), r, builder)
            builder.libraries[library.name] = library
            builder.libraryPins << r.pin()
            library.impure.each { builder.impure << it }
        }
        Path lock = resolver.lockFile()
        builder.inputs << new RecipeCache.Input(lock, new Sha256().bytes(Files.readAllBytes(lock)).hex())
        resolved*.pin()*.sha256()
    }

    @groovy.transform.PackageScope
    static RecipeException compileError(RecipeBuilder.Source source, MultipleCompilationErrorsException e) {
        def message = e.errorCollector.errors ? e.errorCollector.errors.first() : null
        if (message instanceof SyntaxErrorMessage) {
            SyntaxException cause = message.cause
            String text = cause.originalMessage.replaceAll(/\s*@ line \d+, column \d+\.?$/, '').trim()
            boolean atEnd = cause.line > source.lines.size()
            int newline = text.indexOf('\\n')
            if (newline >= 0) {
                // the parser quotes everything it could not match, across lines: keep the first line of it
                text = text.substring(0, newline) + "...'"
            }
            if (atEnd) {
                text += "; the file ended inside a block: is a '{', '(' or quote not closed?"
            }
            return new RecipeException(RecipeBuilder.at(source, cause.line, cause.startColumn), text)
        }
        if (message instanceof ExceptionMessage) {
            return new RecipeException(RecipeBuilder.at(source, 1, 1), "cannot compile: ${message.cause.message}")
        }
        return new RecipeException(RecipeBuilder.at(source, 1, 1), "cannot compile: ${e.message.readLines().find { it.trim() } ?: e.message}")
    }

    /** Refuses @Grab and its relatives anywhere in a recipe: fetching code is not a recipe's business. */
    static class NoGrab extends CompilationCustomizer {
        NoGrab() {
            super(CompilePhase.CONVERSION)
        }

        @Override
        void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
            source.AST.imports.each { check(source, it) }
            source.AST.starImports.each { check(source, it) }
            source.AST.staticImports.values().each { check(source, it) }
            source.AST.staticStarImports.values().each { check(source, it) }
            check(source, classNode)
            new ClassCodeVisitorSupport() {
                @Override
                protected SourceUnit getSourceUnit() { source }

                @Override
                void visitAnnotations(AnnotatedNode node) {
                    check(source, node)
                    super.visitAnnotations(node)
                }
            }.visitClass(classNode)
        }

        private static void check(SourceUnit source, AnnotatedNode node) {
            for (AnnotationNode a : node.annotations) {
                String name = a.classNode.nameWithoutPackage
                if (GRAB.contains(name)) {
                    source.addError(new SyntaxException(
                            "@${name} is disabled in recipes: wtcraft does not fetch dependencies for recipe code",
                            a.lineNumber, a.columnNumber))
                }
            }
        }
    }
}
