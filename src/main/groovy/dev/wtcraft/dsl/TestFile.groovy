package dev.wtcraft.dsl

import dev.wtcraft.model.SourceLocation
import dev.wtcraft.recipetest.TestDef

import java.nio.file.Files
import java.nio.file.Path

/** What one test file declares, while it is read: its tests, and the library it tests. */
class TestFile {
    final Path file
    final String display
    /** The compiled class's file name, which stack frames carry. */
    final String synthetic
    final RecipeBuilder holder
    final RecipeBuilder.Source source
    final List<TestDef> tests = []
    Path library
    String libraryName

    TestFile(Path file, String display, String synthetic, RecipeBuilder.Source source) {
        this.source = source
        this.file = file
        this.display = display
        this.synthetic = synthetic
        this.holder = new RecipeBuilder(file)
    }

    Path dir() {
        file.toAbsolutePath().parent
    }

    /** The line of the test file that is running now (0 when none is). */
    int currentLine() {
        StackTraceElement frame = RecipeFrames.innermost(TestCompiler.CLASS_PREFIX, [synthetic] as Set)
        frame == null ? 0 : frame.lineNumber
    }

    /** The innermost line of this file among {@code frames}, or 0. */
    int lineOf(StackTraceElement[] frames) {
        frames.find { it.fileName == synthetic && it.lineNumber > 0 }?.lineNumber ?: 0
    }

    void library(String name, String from) {
        if (libraryName != null) {
            throw new DslError("'library' is declared twice in ${display}: a test file tests one library")
        }
        Path dir = from != null ? dir().resolve(from).normalize()
                : dir().fileName?.toString() == 'tests' ? dir().parent : dir()
        if (!Files.isDirectory(dir.resolve('vars')) && !Files.isDirectory(dir.resolve('src'))) {
            throw new DslError("library '${name}': ${dir} has no vars/ or src/, so it is not a library directory"
                    + (from == null ? " (name it: library '${name}', from: '../path')" : ''))
        }
        library = dir
        libraryName = name
    }

    void add(String name, Closure body) {
        int line = currentLine()
        TestDef earlier = tests.find { it.name() == name }
        if (earlier != null) {
            throw new DslError("duplicate test '${name}' (first declared at ${display}:${earlier.line()})")
        }
        def d = new TestDelegate(this, name)
        RecipeBuilder.runBlock(body, d)
        tests << d.build(line)
    }

    SourceLocation at(int line) {
        line > 0 ? RecipeBuilder.at(source, line, 0) : new SourceLocation(file, display, 0, 0)
    }
}
