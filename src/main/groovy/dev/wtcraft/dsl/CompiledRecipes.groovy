package dev.wtcraft.dsl

import dev.wtcraft.io.Sha256

import java.nio.file.AtomicMoveNotSupportedException
import java.nio.file.FileAlreadyExistsException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

/**
 * Compiled recipe classes, cached by content (the tool's DSL classes, the file's name and text), so an
 * unchanged recipe is not compiled again. Entries are written to a temporary directory and renamed into place,
 * so concurrent runs never see half an entry; an entry that cannot be read or defined is ignored (and replaced).
 */
final class CompiledRecipes {
    /** The DSL as compiled into this build: a recipe compiled against other DSL classes is not reused. */
    static final String TOOL_KEY = toolKey()

    private CompiledRecipes() {
    }

    static Path dir() {
        String override = System.getProperty('wtcraft.cache.dir') ?: System.getenv('WTCRAFT_CACHE_DIR')
        if (override) {
            return Path.of(override).resolve('recipes')
        }
        String xdg = System.getenv('XDG_CACHE_HOME')
        Path base = xdg ? Path.of(xdg) : Path.of(System.getProperty('user.home'), '.cache')
        return base.resolve('wtcraft').resolve('recipes')
    }

    private static String toolKey() {
        Sha256 h = new Sha256().line('wtcraft-dsl-v1')
        [RecipeScript, RecipeBuilder, BlockDelegate, TaskDelegate, EnginesDelegate, AgentEngineDelegate,
         DefaultsDelegate, VerifyDelegate, RecipeCompiler].each { Class<?> c ->
            c.getResourceAsStream("/${c.name.replace('.', '/')}.class")?.withCloseable { h.bytes(it.readAllBytes()) }
        }
        h.hex()
    }

    /** The script class from the cache, defined in the loader, or null when there is no usable entry. */
    static Class<?> load(String key, GroovyClassLoader loader) {
        Path entry = dir().resolve(key)
        Path index = entry.resolve('classes.txt')
        if (!Files.isRegularFile(index)) {
            return null
        }
        try {
            List<String> names = Files.readAllLines(index)
            if (names.isEmpty()) {
                return null
            }
            Map<String, byte[]> classes = [:]
            names.each { classes[it] = Files.readAllBytes(entry.resolve(it + '.class')) }
            return define(names[0], classes, loader)
        } catch (IOException | LinkageError | RuntimeException ignored) {
            return null // a corrupt or foreign entry: compile again, and store a good one
        }
    }

    static Class<?> define(String main, Map<String, byte[]> classes, GroovyClassLoader loader) {
        Map<String, Class<?>> defined = [:]
        classes.each { name, bytes -> defined[name] = loader.defineClass(name, bytes) }
        return defined[main]
    }

    /** Stores an entry; a failure (read-only home, full disk) costs only the next compile. */
    static void store(String key, String main, Map<String, byte[]> classes) {
        Path entry = dir().resolve(key)
        if (Files.isDirectory(entry)) {
            return
        }
        Path temp = null
        try {
            Files.createDirectories(entry.parent)
            temp = Files.createTempDirectory(entry.parent, key + '.')
            List<String> names = [main] + (classes.keySet() - main).sort()
            names.each { Files.write(temp.resolve(it + '.class'), classes[it]) }
            Files.write(temp.resolve('classes.txt'), names)
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE)
                temp = null
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException raced) {
                // another run stored the same entry first
            }
        } catch (IOException | RuntimeException ignored) {
            // no cache this time
        } finally {
            if (temp != null) {
                temp.toFile().deleteDir()
            }
        }
    }
}
