package dev.wtcraft.dsl

import dev.wtcraft.WtcraftException
import dev.wtcraft.model.Durations
import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.ClassHelper
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.MethodNode
import org.codehaus.groovy.ast.VariableScope
import org.codehaus.groovy.ast.expr.ArgumentListExpression
import org.codehaus.groovy.ast.expr.ClassExpression
import org.codehaus.groovy.ast.expr.ClosureExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.MethodPointerExpression
import org.codehaus.groovy.ast.expr.PropertyExpression
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression
import org.codehaus.groovy.ast.stmt.BlockStatement
import org.codehaus.groovy.ast.stmt.DoWhileStatement
import org.codehaus.groovy.ast.stmt.ExpressionStatement
import org.codehaus.groovy.ast.stmt.ForStatement
import org.codehaus.groovy.ast.stmt.Statement
import org.codehaus.groovy.ast.stmt.WhileStatement
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer
import org.codehaus.groovy.syntax.SyntaxException

import java.time.Duration

/**
 * What recipe code may not do to wtcraft itself. It may not end the process: `System.exit`, `Runtime.exit` and
 * `Runtime.halt` are refused when it compiles, and an exit that gets past that (by reflection, say) while a recipe
 * is being read fails the command instead of ending it with the recipe's code. It may not run forever: reading a
 * recipe has a deadline (`WTCRAFT_EVAL_TIMEOUT`, default 60 s), checked at the top of every loop, closure and method
 * of recipe and library code, and a recipe that sleeps or waits is interrupted when it passes.
 */
final class RecipeLimits {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60)

    /** Thrown into recipe code once the deadline has passed: an Error, so that `catch (Exception e)` lets it by. */
    static final class Expired extends Error {
        Expired() {
            super('the recipe did not finish in time', null, false, true) // its stack names the recipe line
        }
    }

    private static final Object LOCK = new Object()
    /** System.nanoTime() of the deadline; 0 when no recipe is being read. */
    private static volatile long deadline
    private static Thread reader
    private static String reading
    private static int depth
    private static boolean hooked

    private RecipeLimits() {
    }

    /** Called first thing in every loop body, closure and method of recipe and library code. */
    static void check() {
        long d = deadline
        if (d != 0L && System.nanoTime() - d > 0) {
            throw new Expired()
        }
    }

    /** Whether the deadline of the recipe being read (or of the one just read, when it failed) has passed. */
    static boolean expired() {
        long d = deadline
        d != 0L ? System.nanoTime() - d > 0 : lastExpired
    }

    /** Whether the last reading ended past its deadline: what a failure that left it is told by. */
    private static volatile boolean lastExpired

    /** The limit: WTCRAFT_EVAL_TIMEOUT (-Dwtcraft.eval.timeout), a duration like 90s or 5m, or seconds. */
    static Duration timeout() {
        String text = System.getProperty('wtcraft.eval.timeout') ?: System.getenv('WTCRAFT_EVAL_TIMEOUT')
        if (text == null || text.isBlank()) {
            return DEFAULT_TIMEOUT
        }
        Duration d = text.strip() ==~ /\d+/ ? Duration.ofSeconds(Long.parseLong(text.strip())) : Durations.parse(text.strip())
        if (d == null || d.isZero() || d.isNegative()) {
            throw WtcraftException.fatal("WTCRAFT_EVAL_TIMEOUT must be a duration like 60s or 5m, not '${text}'")
        }
        d
    }

    /** Runs the reading of a recipe (and what it includes) under the deadline; nested calls share the outer one. */
    static <T> T reading(String display, Closure<T> body) {
        Duration limit = timeout()
        synchronized (LOCK) {
            if (depth++ == 0) {
                lastExpired = false
                reader = Thread.currentThread()
                reading = display
                deadline = System.nanoTime() + limit.toNanos()
                hook()
                watch(reader, limit)
            }
        }
        try {
            return body.call()
        } finally {
            synchronized (LOCK) {
                if (--depth == 0) {
                    lastExpired = expired()
                    deadline = 0L
                    reader = null
                    reading = null
                    Thread.interrupted() // a watchdog's interrupt that came as the reading ended
                }
            }
        }
    }

    /** Wakes a recipe that sleeps or waits past the deadline (a loop notices it by itself). */
    private static void watch(Thread thread, Duration limit) {
        long until = deadline
        Thread watchdog = new Thread({
            try {
                Thread.sleep(limit.toMillis() + 50)
            } catch (InterruptedException ignored) {
                return
            }
            synchronized (LOCK) {
                if (reader == thread && deadline == until) {
                    thread.interrupt()
                }
            }
        }, 'wtcraft-recipe-deadline')
        watchdog.daemon = true
        watchdog.start()
    }

    /** An exit while a recipe is being read fails the command (exit 1) instead of ending it with the recipe's code. */
    private static void hook() {
        if (hooked) {
            return
        }
        hooked = true
        Runtime.runtime.addShutdownHook(new Thread({
            String file = reading
            if (file != null) {
                System.err.println("wtcraft: ${file}: the recipe ended the process while it was being read (System.exit): a recipe cannot end wtcraft")
                System.err.flush()
                Runtime.runtime.halt(1)
            }
        }, 'wtcraft-recipe-exit'))
    }

    /** Refuses System.exit, Runtime.exit and Runtime.halt in recipe and library code, naming line and column. */
    static class NoExit extends CompilationCustomizer {
        private static final Set<String> ENDS = ['exit', 'halt'] as Set

        NoExit() {
            super(CompilePhase.CANONICALIZATION)
        }

        @Override
        void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
            new ClassCodeVisitorSupport() {
                @Override
                protected SourceUnit getSourceUnit() { source }

                @Override
                void visitMethodCallExpression(MethodCallExpression call) {
                    if (ENDS.contains(call.methodAsString) && endsProcess(call.objectExpression, call.methodAsString)) {
                        refuse(source, call, call.methodAsString)
                    }
                    super.visitMethodCallExpression(call)
                }

                @Override
                void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
                    if (ENDS.contains(call.method) && owner(call.ownerType) != null) {
                        refuse(source, call, call.method)
                    }
                    super.visitStaticMethodCallExpression(call)
                }

                @Override
                void visitMethodPointerExpression(MethodPointerExpression pointer) {
                    String name = pointer.methodName.text
                    if (ENDS.contains(name) && endsProcess(pointer.expression, name)) {
                        refuse(source, pointer, name)
                    }
                    super.visitMethodPointerExpression(pointer)
                }
            }.visitClass(classNode)
        }

        /** `System.x`, `Runtime.x`, `Runtime.getRuntime().x`, `Runtime.runtime.x`. */
        private static boolean endsProcess(Expression receiver, String method) {
            if (receiver instanceof ClassExpression) {
                String o = owner(receiver.type)
                return o == 'System' ? method == 'exit' : o == 'Runtime'
            }
            if (receiver instanceof MethodCallExpression) {
                return ((MethodCallExpression) receiver).methodAsString == 'getRuntime' && owner(((MethodCallExpression) receiver).objectExpression.type) == 'Runtime'
            }
            if (receiver instanceof StaticMethodCallExpression) {
                return ((StaticMethodCallExpression) receiver).method == 'getRuntime' && owner(((StaticMethodCallExpression) receiver).ownerType) == 'Runtime'
            }
            if (receiver instanceof PropertyExpression) {
                return ((PropertyExpression) receiver).propertyAsString == 'runtime' && owner(((PropertyExpression) receiver).objectExpression.type) == 'Runtime'
            }
            false
        }

        private static String owner(ClassNode type) {
            type?.name == 'java.lang.System' ? 'System' : type?.name == 'java.lang.Runtime' ? 'Runtime' : null
        }

        private static void refuse(SourceUnit source, Expression at, String method) {
            source.addError(new SyntaxException("'${method}' would end wtcraft from inside the recipe, so it is not allowed: "
                    + 'fail with an error instead (throw new IllegalStateException(...))', at.lineNumber, at.columnNumber))
        }
    }

    /** Puts a deadline check at the top of every loop body, closure and method (after the purity check has run). */
    static class Deadline extends CompilationCustomizer {
        Deadline() {
            super(CompilePhase.INSTRUCTION_SELECTION)
        }

        @Override
        void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
            new ClassCodeVisitorSupport() {
                @Override
                protected SourceUnit getSourceUnit() { source }

                @Override
                void visitMethod(MethodNode node) {
                    super.visitMethod(node)
                    if (node.code != null && !node.abstract) {
                        node.code = checked(node.code)
                    }
                }

                @Override
                void visitForLoop(ForStatement loop) {
                    super.visitForLoop(loop)
                    loop.loopBlock = checked(loop.loopBlock)
                }

                @Override
                void visitWhileLoop(WhileStatement loop) {
                    super.visitWhileLoop(loop)
                    loop.loopBlock = checked(loop.loopBlock)
                }

                @Override
                void visitDoWhileLoop(DoWhileStatement loop) {
                    super.visitDoWhileLoop(loop)
                    loop.loopBlock = checked(loop.loopBlock)
                }

                @Override
                void visitClosureExpression(ClosureExpression closure) {
                    super.visitClosureExpression(closure)
                    if (closure.code != null) {
                        closure.code = checked(closure.code)
                    }
                }
            }.visitClass(classNode)
        }

        private static Statement checked(Statement body) {
            def check = new ExpressionStatement(new StaticMethodCallExpression(ClassHelper.make(RecipeLimits), 'check',
                    ArgumentListExpression.EMPTY_ARGUMENTS))
            if (body instanceof BlockStatement) {
                ((BlockStatement) body).statements.add(0, check)
                return body
            }
            def block = new BlockStatement([check, body] as List<Statement>, new VariableScope())
            block.setSourcePosition(body)
            block
        }
    }
}
