package dev.wtcraft.dsl

/** `wtcraft { base 'main'; timeout '30m' }`: defaults for every task. */
class DefaultsDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = ['base', 'timeout', 'attempts'] as Set

    DefaultsDelegate(RecipeBuilder builder) {
        super(builder)
    }

    protected String where() { 'the wtcraft block' }

    protected Set<String> keywords() { KEYWORDS }

    void base(Object ref) {
        builder.defaultBase = text('base', ref)
    }

    void timeout(Object value) {
        builder.defaultTimeout = duration('timeout', value)
    }

    void attempts(Object n) {
        builder.defaultAttempts = count('attempts', n)
    }
}
