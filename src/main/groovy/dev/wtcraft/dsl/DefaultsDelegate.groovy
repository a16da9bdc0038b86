package dev.wtcraft.dsl

/** `wtcraft { base 'main'; timeout '30m' }`: defaults for every task. */
class DefaultsDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(DefaultsDelegate)

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

    void parallel(Object value) {
        builder.parallel = flag('parallel', value)
    }

    void jobs(Object n) {
        builder.jobs = count('jobs', n)
    }

    void onFailure(Object value) {
        String v = text('onFailure', value)
        if (!(v in ['stop', 'continue'])) {
            throw new DslError("wrong argument for 'onFailure' in ${where()}: expected 'stop' or 'continue', got '${v}'")
        }
        builder.stopOnFailure = v == 'stop'
    }

    void budget(Map options) {
        builder.runBudget = budget('budget', options)
    }

    void taskBudget(Map options) {
        builder.taskBudget = budget('taskBudget', options)
    }

    void review(Closure body) {
        builder.defaultReview = ReviewDelegate.build(builder, where(), body)
    }

    void sandbox(Closure body) {
        builder.defaultSandbox = SandboxDelegate.build(builder, where(), body)
    }

    void environment(Closure body) {
        builder.defaultEnvironment = EnvironmentDelegate.build(builder, where(), body)
    }

    void policy(Closure body) {
        def p = PolicyDelegate.build(builder, where(), body)
        builder.defaultPolicy = builder.defaultPolicy == null ? p : builder.defaultPolicy.plus(p)
    }

    void setup(Closure body) {
        builder.defaultSetup = dev.wtcraft.model.Setup.of(builder.defaultSetup, SetupDelegate.build(builder, where(), body))
    }
}
