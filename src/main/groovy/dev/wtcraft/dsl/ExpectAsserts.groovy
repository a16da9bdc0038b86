package dev.wtcraft.dsl

import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.expr.ArgumentListExpression
import org.codehaus.groovy.ast.expr.BinaryExpression
import org.codehaus.groovy.ast.expr.BooleanExpression
import org.codehaus.groovy.ast.expr.ClosureExpression
import org.codehaus.groovy.ast.expr.DeclarationExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.stmt.AssertStatement
import org.codehaus.groovy.ast.stmt.BlockStatement
import org.codehaus.groovy.ast.stmt.ExpressionStatement
import org.codehaus.groovy.ast.stmt.Statement
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer

/**
 * In a test file, every statement of an `expect { }` block is a condition: each becomes an `assert` of its own,
 * keeping its line, so a failure is Groovy's power assertion (every value of the expression shown) at that line.
 * Declarations (`def x = ...`) and assignments stay what they are.
 */
class ExpectAsserts extends CompilationCustomizer {
    ExpectAsserts() {
        super(CompilePhase.CONVERSION)
    }

    @Override
    void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() { source }

            @Override
            void visitMethodCallExpression(MethodCallExpression call) {
                if (call.implicitThis && call.methodAsString == 'expect' && call.arguments instanceof ArgumentListExpression) {
                    def args = ((ArgumentListExpression) call.arguments).expressions
                    if (args && args.last() instanceof ClosureExpression) {
                        rewrite(((ClosureExpression) args.last()).code)
                    }
                }
                super.visitMethodCallExpression(call)
            }
        }.visitClass(classNode)
    }

    private static void rewrite(Statement code) {
        if (!(code instanceof BlockStatement)) {
            return
        }
        List<Statement> statements = ((BlockStatement) code).statements
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements[i]
            if (s instanceof ExpressionStatement && isCondition(((ExpressionStatement) s).expression)) {
                Expression e = ((ExpressionStatement) s).expression
                def condition = new BooleanExpression(e)
                condition.sourcePosition = e
                def check = new AssertStatement(condition)
                check.sourcePosition = s
                statements[i] = check
            }
        }
    }

    private static boolean isCondition(Expression e) {
        !(e instanceof DeclarationExpression) && !(e instanceof BinaryExpression && ((BinaryExpression) e).operation.text == '=')
    }
}
