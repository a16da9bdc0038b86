package dev.wtcraft.dsl

import dev.wtcraft.model.Names

/**
 * The base class of a compiled test file (`*.wtest.groovy`): `test('name') { ... }`, once per test, and
 * `library 'NAME'` when the file tests a library. Each block's delegate collects what it declares; the tests run
 * after the whole file was read.
 */
abstract class TestScript extends Script {
    static final Set<String> KEYWORDS = Keywords.of(TestScript)

    TestFile testFile

    /** `test('name') { repo { }; recipe '...'; engine 'fake' { }; expect { } }` */
    void test(Object name, Closure body) {
        if (!(name instanceof CharSequence) || name.toString().isBlank()) {
            throw new DslError("wrong argument for 'test': expected a name like 'docs stay in their lane', got ${BlockDelegate.describe(name)}")
        }
        testFile.add(name.toString(), body)
    }

    /**
     * `library 'house'`: the file tests the library whose directory holds the file's `tests/` (or
     * `library 'house', from: '../lib'`); each test's recipe calls it by that name.
     */
    void library(Object name) {
        library([:], name)
    }

    void library(Map options, Object name) {
        def unknown = options.keySet() - ['from']
        if (unknown) {
            throw new DslError("unknown option '${unknown.first()}' for 'library': only from: (its directory, relative to the test file)")
        }
        if (!(name instanceof CharSequence) || !(name.toString() ==~ /[A-Za-z_][A-Za-z0-9_]*/)) {
            throw new DslError("wrong argument for 'library': expected the name the recipes call it by, like 'house', got ${BlockDelegate.describe(name)}")
        }
        testFile.library(name.toString(), options.from == null ? null : options.from.toString())
    }

    def methodMissing(String name, Object args) {
        if (KEYWORDS.contains(name)) {
            throw new DslError("wrong arguments for '${name}': ${BlockDelegate.describe(args as Object[])}")
        }
        throw new DslError("unknown keyword '${name}' in a test file${Names.suggestion(name, KEYWORDS)} (a test file declares test('name') { ... } blocks)")
    }
}
