package dev.wtcraft.dsl

import dev.wtcraft.WtcraftException
import dev.wtcraft.io.Sha256
import dev.wtcraft.model.Names
import dev.wtcraft.plan.RecipeException
import org.codehaus.groovy.control.CompilationFailedException
import org.codehaus.groovy.control.MultipleCompilationErrorsException

import java.nio.file.NoSuchFileException
import java.nio.file.Path

/**
 * Reads a test file (`*.wtest.groovy`) into its tests with the recipes' own compiler configuration: the test base
 * class instead of the recipe's, and `expect { }` statements made assertions. Every mistake is a RecipeException
 * naming the file, line and column.
 */
class TestCompiler {
    /** Every compiled test class's name starts so; stack frames with it lead back to the test file's lines. */
    static final String CLASS_PREFIX = 'wtcraft_test_'

    static TestFile read(Path file, String display) {
        String text
        try {
            text = RecipeText.read(file, 'test file', display)
        } catch (NoSuchFileException ignored) {
            throw WtcraftException.fatal("test file not found: ${file}")
        }
        String synthetic = CLASS_PREFIX + new Sha256().line(display).line(text).hex().substring(0, 20) + '.groovy'
        def source = new RecipeBuilder.Source(file, display, text)
        def config = RecipeCompiler.configuration()
        config.scriptBaseClass = TestScript.name
        config.addCompilationCustomizers(new ExpectAsserts())
        Class<?> scriptClass
        try {
            def loader = new GroovyClassLoader(TestCompiler.classLoader, config)
            scriptClass = loader.parseClass(new GroovyCodeSource(text, synthetic, '/groovy/script'))
        } catch (MultipleCompilationErrorsException e) {
            throw RecipeCompiler.compileError(source, e)
        } catch (CompilationFailedException e) {
            throw new RecipeException(RecipeBuilder.at(source, 1, 1), "cannot compile: ${e.message}")
        }
        def testFile = new TestFile(file, display, synthetic, source)
        TestScript script = (TestScript) scriptClass.getDeclaredConstructor().newInstance()
        script.testFile = testFile
        try {
            RecipeLimits.reading(display) { script.run() }
        } catch (RecipeException | WtcraftException e) {
            throw e
        } catch (Throwable e) {
            throw located(testFile, e, TestScript.KEYWORDS)
        }
        testFile
    }

    /** A failure while a test file (or one of its blocks) runs, at the file's innermost line. */
    static RecipeException located(TestFile testFile, Throwable e, Set<String> keywords) {
        def at = testFile.at(e instanceof LineError ? ((LineError) e).line : testFile.lineOf(e.stackTrace))
        if (e instanceof DslError) {
            return new RecipeException(at, e.message)
        }
        if (e instanceof MissingPropertyException) {
            def p = (MissingPropertyException) e
            String on = p.type == null || p.type.name.startsWith(CLASS_PREFIX) ? '' : " of ${p.type.simpleName}"
            return new RecipeException(at, "unknown name '${p.property}'${on}" + Names.suggestion(p.property,
                    p.type == null || p.type.name.startsWith(CLASS_PREFIX) ? keywords : properties(p.type)))
        }
        if (e instanceof MissingMethodException) {
            def m = (MissingMethodException) e
            String on = m.type == null || m.type.name.startsWith(CLASS_PREFIX) ? '' : " of ${m.type.simpleName}"
            return new RecipeException(at, "unknown keyword '${m.method}'${on}" + Names.suggestion(m.method,
                    m.type == null || m.type.name.startsWith(CLASS_PREFIX) ? keywords : properties(m.type)))
        }
        if (e instanceof RecipeLimits.Expired) {
            return new RecipeException(at, 'the test file was still running after ' +
                    dev.wtcraft.model.Durations.format(RecipeLimits.timeout()) + ' (an endless loop?)')
        }
        new RecipeException(at, "test code threw ${e.getClass().simpleName}: ${e.message}")
    }

    /** What a result record offers: its components and methods without arguments. */
    private static Set<String> properties(Class<?> type) {
        (type.methods.findAll { it.parameterCount == 0 && it.declaringClass != Object }*.name) as Set
    }
}
