package dev.wtcraft.support

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** A spec with a recipe directory and a cache of its own (compiled classes and evaluated recipes). */
abstract class CacheIsolatedSpecification extends Specification {
    @TempDir
    Path dir
    @TempDir
    Path cache

    private String before

    def setup() {
        before = System.getProperty('wtcraft.cache.dir')
        System.setProperty('wtcraft.cache.dir', cache.toString())
    }

    def cleanup() {
        before == null ? System.clearProperty('wtcraft.cache.dir') : System.setProperty('wtcraft.cache.dir', before)
    }
}
