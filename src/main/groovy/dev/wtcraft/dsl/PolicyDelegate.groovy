package dev.wtcraft.dsl

import dev.wtcraft.model.Policy

/** `policy { allow 'npm test'; ask 'npm install *'; deny 'git push*' }`. */
class PolicyDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(PolicyDelegate)

    private final String owner
    final List<String> allow = []
    final List<String> ask = []
    final List<String> deny = []

    PolicyDelegate(RecipeBuilder builder, String owner) {
        super(builder)
        this.owner = owner
    }

    protected String where() { "the policy block of ${owner}" }

    protected Set<String> keywords() { KEYWORDS }

    void allow(Object... patterns) {
        allow.addAll(texts('allow', patterns))
    }

    void ask(Object... patterns) {
        ask.addAll(texts('ask', patterns))
    }

    void deny(Object... patterns) {
        deny.addAll(texts('deny', patterns))
    }

    static Policy build(RecipeBuilder builder, String owner, Closure body) {
        def d = new PolicyDelegate(builder, owner)
        RecipeBuilder.runBlock(body, d)
        new Policy(d.allow, d.ask, d.deny)
    }
}
