package dev.wtcraft.dsl

import java.nio.file.Files
import java.nio.file.Path

/** `repo { from 'fixtures/app'; file 'src/a.ts', 'export const x = 0' }`: a test's scratch repository. */
class RepoDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(RepoDelegate)

    private final TestFile testFile
    private final TestDelegate test

    RepoDelegate(TestFile testFile, TestDelegate test) {
        super(testFile.holder)
        this.testFile = testFile
        this.test = test
    }

    protected String where() { "the repo block of ${test.where()}" }

    protected Set<String> keywords() { KEYWORDS }

    /** `file 'src/a.ts', 'export const x = 0'`: a file of the repository (written after the fixtures). */
    void file(Object path, Object content) {
        String p = text('file', path)
        if (p.startsWith('/') || Path.of(p).normalize().startsWith('..')) {
            throw new DslError("'file' in ${where()} takes a path inside the repository, not '${p}'")
        }
        test.addFile(p, text('file', content))
    }

    /** `from 'fixtures/app'`: every file of a directory (relative to the test file), git directories left out. */
    void from(Object dir) {
        Path d = testFile.dir().resolve(text('from', dir)).normalize()
        if (!Files.isDirectory(d)) {
            throw new DslError("fixture directory not found: ${dir} (looked for ${d}; paths are relative to the test file)")
        }
        test.addFixture(d)
    }
}
