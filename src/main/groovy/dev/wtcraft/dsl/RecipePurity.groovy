package dev.wtcraft.dsl

import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.ConstructorNode
import org.codehaus.groovy.ast.MethodNode
import org.codehaus.groovy.ast.expr.CastExpression
import org.codehaus.groovy.ast.expr.ClassExpression
import org.codehaus.groovy.ast.expr.ConstructorCallExpression
import org.codehaus.groovy.ast.expr.DeclarationExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.MethodPointerExpression
import org.codehaus.groovy.ast.expr.PropertyExpression
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer

/**
 * Decides, at compile time, whether a recipe file is pure: whether running it can depend on anything but its own
 * text and the files it reads through `include` and `file()`. Pure means: it names no class (so no System, no
 * File, no clock), constructs nothing, and calls only DSL keywords, its own methods, and plain string, number and
 * collection methods. Anything else is not wrong; it only means the recipe is run every time (see RecipeCache).
 */
class RecipePurity extends CompilationCustomizer {
    /** Methods on values (strings, numbers, lists, maps, closures) that read nothing outside the recipe. */
    static final Set<String> VALUE_METHODS = ['each', 'eachWithIndex', 'collect', 'collectEntries', 'collectMany',
            'findAll', 'find', 'findResult', 'findIndexOf', 'any', 'every', 'inject', 'sum', 'count', 'groupBy',
            'times', 'upto', 'downto', 'step', 'plus', 'minus', 'multiply', 'div', 'mod', 'power', 'intdiv', 'abs',
            'max', 'min', 'size', 'join', 'split', 'tokenize', 'trim', 'strip', 'stripIndent', 'stripMargin',
            'toUpperCase', 'toLowerCase', 'capitalize', 'uncapitalize', 'replace', 'replaceAll', 'replaceFirst',
            'startsWith', 'endsWith', 'contains', 'containsKey', 'substring', 'padLeft', 'padRight', 'center',
            'toString', 'toInteger', 'toLong', 'toBoolean', 'toList', 'toSet', 'keySet', 'values', 'entrySet', 'get',
            'getAt', 'getOrDefault', 'put', 'putAt', 'putAll', 'add', 'addAll', 'remove', 'leftShift', 'sort',
            'unique', 'reverse', 'first', 'last', 'head', 'tail', 'take', 'drop', 'subList', 'indexOf', 'isEmpty',
            'asBoolean', 'equals', 'compareTo', 'call', 'matches', 'flatten', 'withIndex', 'collate', 'isCase',
            'next', 'previous', 'lines', 'readLines', 'length', 'format'] as Set
    /** Properties that reach outside the value they are read from. */
    static final Set<String> OUTSIDE_PROPERTIES = ['text', 'bytes', 'class', 'metaClass', 'properties', 'env',
            'binding', 'delegate', 'owner', 'thisObject', 'inputStream', 'outputStream', 'errorStream', 'in', 'out',
            'err', 'absolutePath', 'canonicalPath', 'parent', 'parentFile', 'declaredFields', 'declaredMethods'] as Set
    static final Set<String> VALUE_CASTS = ['java.lang.String', 'java.lang.Integer', 'int', 'java.lang.Long', 'long',
            'java.lang.Boolean', 'boolean', 'java.util.List', 'java.util.Map', 'java.util.Set',
            'java.lang.Object'] as Set

    /** Why the files compiled with this customizer are not pure (empty when they are). */
    final List<String> reasons = []
    /** Names of libraries: calling their steps is pure when the library is (its own compile decides that). */
    final Set<String> libraries
    /** Classes of pure libraries: naming, constructing and calling them is pure. */
    final Set<String> pureClasses
    private final Set<String> extraKeywords
    /** A library's compile: its classes are judged by their code, like scripts, and may use each other. */
    private final boolean library

    RecipePurity(Set<String> libraries = [] as Set, Set<String> pureClasses = [] as Set) {
        this(libraries, pureClasses, [] as Set, false)
    }

    private RecipePurity(Set<String> libraries, Set<String> pureClasses, Set<String> extraKeywords, boolean library) {
        super(CompilePhase.CANONICALIZATION)
        this.libraries = libraries
        this.pureClasses = pureClasses
        this.extraKeywords = extraKeywords
        this.library = library
    }

    /** The check for a library's own files: its steps' keywords, `library`, and its own classes. */
    static RecipePurity forLibrary() {
        new RecipePurity(['library'] as Set, [] as Set, LibraryScript.KEYWORDS, true)
    }

    /** The keywords a recipe may call without a receiver, in any of its blocks. */
    static Set<String> keywords() {
        RecipeScript.KEYWORDS + DefaultsDelegate.KEYWORDS + EnginesDelegate.KEYWORDS + AgentEngineDelegate.KEYWORDS +
                TaskDelegate.KEYWORDS + VerifyDelegate.KEYWORDS + ReviewDelegate.KEYWORDS + LibrariesDelegate.KEYWORDS +
                SandboxDelegate.KEYWORDS + EnvironmentDelegate.KEYWORDS +
                PolicyDelegate.KEYWORDS + SetupDelegate.KEYWORDS
    }

    @Override
    void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.script && !library) {
            reasons << ('declares class ' + classNode.name)
            return
        }
        Set<String> classes = pureClasses + (library ? (classNode.compileUnit.classes*.name as Set<String>) : [] as Set<String>)
        Set<String> own = classNode.methods*.name as Set
        Set<String> locals = [] as Set
        // closures held in local variables are called like methods: `def scoped = { ... }; scope scoped('a/')`
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() { source }

            @Override
            void visitDeclarationExpression(DeclarationExpression e) {
                if (e.leftExpression instanceof VariableExpression) {
                    locals << ((VariableExpression) e.leftExpression).name
                }
                super.visitDeclarationExpression(e)
            }
        }.visitClass(classNode)
        Set<String> allowed = keywords() + extraKeywords + own + locals
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() { source }

            @Override
            void visitConstructor(ConstructorNode node) {
                if (!classNode.script) { // the script's generated constructors only hand a binding to Script
                    super.visitConstructor(node)
                }
            }

            @Override
            void visitMethod(MethodNode node) {
                if (!(node.name == 'main' && node.static)) { // the generated main() runs the script through InvokerHelper
                    super.visitMethod(node)
                }
            }

            private void impure(String why, int line) {
                reasons << (why + ' (line ' + line + ')')
            }

            @Override
            void visitClassExpression(ClassExpression e) {
                if (!(e.type.name in classes)) {
                    impure('names class ' + e.type.name, e.lineNumber)
                }
            }

            @Override
            void visitConstructorCallExpression(ConstructorCallExpression e) {
                if (!(e.type.name in classes)) {
                    impure('constructs ' + e.type.name, e.lineNumber)
                }
                super.visitConstructorCallExpression(e)
            }

            @Override
            void visitStaticMethodCallExpression(StaticMethodCallExpression e) {
                if (!(e.ownerType.name in classes)) {
                    impure('calls static ' + e.method, e.lineNumber)
                }
                super.visitStaticMethodCallExpression(e)
            }

            @Override
            void visitMethodPointerExpression(MethodPointerExpression e) {
                impure('takes a method pointer', e.lineNumber)
                super.visitMethodPointerExpression(e)
            }

            @Override
            void visitMethodCallExpression(MethodCallExpression e) {
                String name = e.methodAsString
                if (name == null) {
                    impure('calls a method by a computed name', e.lineNumber)
                } else if (!e.implicitThis && e.objectExpression instanceof VariableExpression
                        && ((VariableExpression) e.objectExpression).name in libraries) {
                    // a library step: its own compile judged it
                } else if (!e.implicitThis && e.objectExpression instanceof ClassExpression
                        && ((ClassExpression) e.objectExpression).type.name in classes) {
                    // a static method of a pure library's class
                } else if (e.implicitThis ? !(name in allowed) : !(name in VALUE_METHODS)) {
                    impure('calls ' + name, e.lineNumber)
                }
                super.visitMethodCallExpression(e)
            }

            @Override
            void visitPropertyExpression(PropertyExpression e) {
                String name = e.propertyAsString
                if (name == null || name in OUTSIDE_PROPERTIES) {
                    impure('reads property ' + name, e.lineNumber)
                }
                super.visitPropertyExpression(e)
            }

            @Override
            void visitCastExpression(CastExpression e) {
                if (!(e.type.name in VALUE_CASTS)) {
                    impure('converts to ' + e.type.name, e.lineNumber)
                }
                super.visitCastExpression(e)
            }
        }.visitClass(classNode)
    }
}
