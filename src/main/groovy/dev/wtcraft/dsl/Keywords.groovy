package dev.wtcraft.dsl

import java.lang.reflect.Method
import java.lang.reflect.Modifier

/**
 * A block's keywords are the public methods its delegate (or script base class) declares, so each keyword is
 * written once, as its method: what a block runs, what its errors suggest, what the docs and the IDE file cover.
 */
final class Keywords {
    /** Groovy's own hooks, which every delegate has and no recipe calls by name. */
    private static final Set<String> HOOKS = ['methodMissing', 'propertyMissing', 'invokeMethod', 'getProperty',
                                              'setProperty', 'getMetaClass', 'setMetaClass'] as Set

    private Keywords() {
    }

    /** The keywords of a block: every public instance method of its class and its DSL superclasses. */
    static Set<String> of(Class<?> block) {
        Collections.unmodifiableSet(new TreeSet<String>(block.methods.findAll { isKeyword(it) }*.name))
    }

    /** The overloads of one keyword, fewest parameters first. */
    static List<Method> overloads(Class<?> block, String keyword) {
        block.methods.findAll { it.name == keyword && isKeyword(it) }.sort { a, b ->
            a.parameterCount <=> b.parameterCount ?: a.parameterTypes*.name.join(',') <=> b.parameterTypes*.name.join(',')
        }
    }

    /** Whether the method is declared by the DSL itself (Script's and Object's are not), so blocks can call it. */
    private static boolean isKeyword(Method m) {
        Modifier.isPublic(m.modifiers) && !Modifier.isStatic(m.modifiers) && !m.synthetic && !m.bridge &&
                m.declaringClass.package?.name == Keywords.package.name && !m.name.contains('$') &&
                !HOOKS.contains(m.name) && !(m.name ==~ /(get|set|is)[A-Z].*/)
    }
}
