package dev.wtcraft.dsl

import dev.wtcraft.library.LibraryException
import dev.wtcraft.library.LibraryUse
import dev.wtcraft.plan.RecipeException
import org.codehaus.groovy.ast.ModuleNode
import org.codehaus.groovy.ast.expr.ClosureExpression
import org.codehaus.groovy.ast.expr.ConstantExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.MapExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.TupleExpression
import org.codehaus.groovy.ast.stmt.BlockStatement
import org.codehaus.groovy.ast.stmt.ExpressionStatement
import org.codehaus.groovy.ast.stmt.Statement

/**
 * Reads a recipe's `libraries { use '...', as: '...' }` from its syntax tree, before the recipe is compiled any
 * further: libraries must be on the class path when the rest of the recipe is resolved. So the block is data, not
 * code: literal strings only, at the top level of the main recipe.
 */
final class LibraryDeclarations {
    /** One `use` line, and where it is. */
    static final class Declaration {
        final LibraryUse use
        final int line
        final int column

        Declaration(LibraryUse use, int line, int column) {
            this.use = use
            this.line = line
            this.column = column
        }

        /** The line that the compiled-recipe cache stores, so a cached recipe knows its libraries unparsed. */
        String encode() {
            [use.name(), use.source(), use.ref(), line, column].join('\t')
        }

        static Declaration decode(String line) {
            def f = line.split('\t', -1)
            new Declaration(new LibraryUse(f[0], f[1], f[2]), f[3] as int, f[4] as int)
        }
    }

    private LibraryDeclarations() {
    }

    /** The `use` lines of the module's top-level `libraries` block, or null when it has none. */
    static List<Declaration> find(ModuleNode module, RecipeBuilder.Source source) {
        List<Declaration> found = []
        Integer blockLine = null
        for (Statement s : module.statementBlock.statements) {
            MethodCallExpression call = keywordCall(s, 'libraries')
            if (call == null) {
                continue
            }
            if (blockLine != null) {
                throw error(source, call, "'libraries' is declared twice (first at line ${blockLine}): use one block")
            }
            blockLine = call.lineNumber
            List<Expression> args = arguments(call)
            if (args.size() != 1 || !(args[0] instanceof ClosureExpression)) {
                throw error(source, call, "'libraries' takes a block: libraries { use 'https://git.example.com/acme/recipes.git@v1.0', as: 'acme' }")
            }
            def code = ((ClosureExpression) args[0]).code
            List<Statement> inner = code instanceof BlockStatement ? ((BlockStatement) code).statements : [code]
            for (Statement u : inner) {
                MethodCallExpression use = keywordCall(u, 'use')
                if (use == null) {
                    throw error(source, u, "only 'use' lines may appear in libraries { }, like: use 'https://git.example.com/acme/recipes.git@v1.0', as: 'acme'")
                }
                found << declaration(source, use)
            }
        }
        Map<String, Declaration> byName = [:]
        for (Declaration d : found) {
            Declaration earlier = byName.put(d.use.name(), d)
            if (earlier != null) {
                throw new RecipeException(RecipeBuilder.at(source, d.line, d.column),
                        "library name '${d.use.name()}' is used twice (first at line ${earlier.line}): give one of them another as: name")
            }
            if (d.use.name() in RecipeScript.KEYWORDS) {
                throw new RecipeException(RecipeBuilder.at(source, d.line, d.column),
                        "library name '${d.use.name()}' is a recipe keyword: choose another with as: 'name'")
            }
        }
        blockLine == null ? null : found
    }

    /** The note the compiled-recipe cache keeps: whether there is a block, then its `use` lines. */
    static List<String> encode(List<Declaration> declared) {
        declared == null ? [] : ['block'] + declared*.encode()
    }

    static List<Declaration> decode(List<String> note) {
        note.isEmpty() || note[0] != 'block' ? null : note.tail().collect { Declaration.decode(it) }
    }

    private static Declaration declaration(RecipeBuilder.Source source, MethodCallExpression use) {
        String spec = null
        String as = null
        for (Expression a : arguments(use)) {
            if (a instanceof MapExpression) {
                for (def e : ((MapExpression) a).mapEntryExpressions) {
                    String key = e.keyExpression instanceof ConstantExpression ? e.keyExpression.value : null
                    if (key != 'as') {
                        throw error(source, use, "unknown option '${key}' for 'use': the only option is as: 'name'")
                    }
                    as = literal(source, use, e.valueExpression)
                }
            } else if (spec == null) {
                spec = literal(source, use, a)
            } else {
                throw error(source, use, "'use' takes one library: use 'SOURCE@REF', as: 'name'")
            }
        }
        if (spec == null) {
            throw error(source, use, "'use' needs a library: use 'https://git.example.com/acme/recipes.git@v1.0', as: 'acme'")
        }
        try {
            new Declaration(LibraryUse.parse(spec, as), use.lineNumber, use.columnNumber)
        } catch (LibraryException e) {
            throw error(source, use, e.message)
        }
    }

    private static String literal(RecipeBuilder.Source source, MethodCallExpression use, Expression e) {
        if (e instanceof ConstantExpression && ((ConstantExpression) e).value instanceof String) {
            return ((ConstantExpression) e).value
        }
        throw error(source, use, "'use' takes literal text ('...'): libraries are read before the recipe runs, so variables and \${} cannot be used here")
    }

    private static MethodCallExpression keywordCall(Statement s, String name) {
        if (s instanceof ExpressionStatement && ((ExpressionStatement) s).expression instanceof MethodCallExpression) {
            def call = (MethodCallExpression) ((ExpressionStatement) s).expression
            if (call.implicitThis && call.methodAsString == name) {
                return call
            }
        }
        null
    }

    private static List<Expression> arguments(MethodCallExpression call) {
        call.arguments instanceof TupleExpression ? ((TupleExpression) call.arguments).expressions : [call.arguments]
    }

    private static RecipeException error(RecipeBuilder.Source source, def node, String message) {
        new RecipeException(RecipeBuilder.at(source, node.lineNumber, node.columnNumber), message)
    }
}
