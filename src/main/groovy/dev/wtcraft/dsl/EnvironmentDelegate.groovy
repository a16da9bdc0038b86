package dev.wtcraft.dsl

import dev.wtcraft.model.Environment

/** `environment { pass 'LANG', 'JAVA_HOME'; secret 'API_TOKEN' }`. */
class EnvironmentDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(EnvironmentDelegate)

    private final String owner
    final List<String> pass = []
    final List<String> secrets = []

    EnvironmentDelegate(RecipeBuilder builder, String owner) {
        super(builder)
        this.owner = owner
    }

    protected String where() { "the environment block of ${owner}" }

    protected Set<String> keywords() { KEYWORDS }

    void pass(Object... names) {
        pass.addAll(variables('pass', names))
    }

    void secret(Object... names) {
        secrets.addAll(variables('secret', names))
    }

    private List<String> variables(String keyword, Object[] names) {
        List<String> out = texts(keyword, names)
        out.each {
            if (!(it ==~ /[A-Za-z_][A-Za-z0-9_]*/)) {
                throw new DslError("'${keyword}' in ${where()} takes variable names, like ${keyword} 'API_TOKEN': '${it}' is not one")
            }
        }
        out
    }

    static Environment build(RecipeBuilder builder, String owner, Closure body) {
        def d = new EnvironmentDelegate(builder, owner)
        RecipeBuilder.runBlock(body, d)
        new Environment(d.pass, d.secrets)
    }
}
