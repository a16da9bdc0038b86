package dev.wtcraft.dsl

/**
 * Holds one compiled recipe file's classes (the script and its closures) and defines each on first use. Running a
 * cached recipe needs no compiler: loading Groovy's compiler configuration alone costs tens of milliseconds.
 */
class RecipeClassLoader extends ClassLoader {
    private final Map<String, byte[]> pending

    RecipeClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
        super(parent)
        this.pending = new HashMap<>(classes)
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes
        synchronized (pending) {
            bytes = pending.remove(name)
        }
        if (bytes == null) {
            throw new ClassNotFoundException(name)
        }
        defineClass(name, bytes, 0, bytes.length)
    }
}
