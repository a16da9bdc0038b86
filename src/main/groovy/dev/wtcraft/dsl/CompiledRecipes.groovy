package dev.wtcraft.dsl

import dev.wtcraft.plan.RecipeCache

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
        RecipeCache.base().resolve('recipes')
    }

    private static String toolKey() {
        RecipeCache.toolKey() // one notion of "this build's DSL" for compiled and evaluated recipes
    }

    /** One cached compile: class names (the main one first), their bytes, and what the compile noted. */
    static final class Entry {
        final List<String> names
        final Map<String, byte[]> classes
        final Path dir

        Entry(List<String> names, Map<String, byte[]> classes, Path dir) {
            this.names = names
            this.classes = classes
            this.dir = dir
        }

        /** A note stored with the classes (empty when there is none). */
        List<String> note(String name) {
            Path f = dir.resolve(name + '.txt')
            Files.isRegularFile(f) ? Files.readAllLines(f) : []
        }
    }

    /** The cached compile for this key, read but not yet defined, or null when there is no usable entry. */
    static Entry read(String key) {
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
            return new Entry(names, classes, entry)
        } catch (IOException | RuntimeException ignored) {
            return null
        }
    }

    /** The entry's main class, defined; null when the entry turns out corrupt or foreign. */
    static Class<?> define(Entry e, ClassLoader parent) {
        try {
            Class<?> main = define(e.names[0], e.classes, parent)
            main.getDeclaredConstructor() // a truncated or foreign class fails here, not in the middle of the recipe
            return main
        } catch (LinkageError | ReflectiveOperationException | RuntimeException ignored) {
            return null // a corrupt or foreign entry: compile again, and store a good one
        }
    }

    /** Why a cached file is not pure, as its compile found (an entry that does not say counts as impure). */
    static List<String> impurity(String key) {
        try {
            List<String> lines = Files.readAllLines(dir().resolve(key).resolve('purity.txt'))
            return lines == ['pure'] ? [] : lines
        } catch (IOException ignored) {
            return ['no purity verdict cached']
        }
    }

    static Class<?> define(String main, Map<String, byte[]> classes, ClassLoader parent) {
        Class.forName(main, false, new RecipeClassLoader(parent, classes))
    }

    /** Stores an entry; a failure (read-only home, full disk) costs only the next compile. */
    static void store(String key, String main, Map<String, byte[]> classes, List<String> impure,
                      Map<String, List<String>> notes = [:]) {
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
            Files.write(temp.resolve('purity.txt'), impure.isEmpty() ? ['pure'] : impure)
            notes.each { name, lines -> Files.write(temp.resolve(name + '.txt'), lines) }
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
