package dev.wtcraft.support

import spock.lang.TempDir

import java.nio.file.Path

/** A spec on a real repository whose in-process wtcraft has a cache and a configuration directory of its own. */
abstract class IsolatedDirsSpecification extends WtcraftSpecification {
    @TempDir
    Path cache
    @TempDir
    Path config
    /** the properties as they were before the spec, restored after it */
    protected final Map<String, String> before = [:]

    def setup() {
        ['wtcraft.cache.dir': cache, 'wtcraft.config.dir': config].each { k, v ->
            before[k] = System.getProperty(k)
            System.setProperty(k, v.toString())
        }
    }

    def cleanup() {
        before.each { k, v -> v == null ? System.clearProperty(k) : System.setProperty(k, v) }
    }
}
