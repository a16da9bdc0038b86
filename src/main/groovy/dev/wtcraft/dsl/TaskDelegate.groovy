package dev.wtcraft.dsl

import dev.wtcraft.model.Budget
import dev.wtcraft.model.Prompt
import dev.wtcraft.model.Review
import dev.wtcraft.model.Sandbox
import dev.wtcraft.model.SourceLocation
import dev.wtcraft.model.Step

import java.time.Duration

/** The body of `task('type/name') { ... }`. */
class TaskDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(TaskDelegate)

    final String name
    String engine
    Prompt prompt
    List<String> scope = []
    List<String> offLimits = []
    Duration timeout
    List<Step> verify = []
    List<String> dependsOn = []
    String base
    Integer attempts
    String group
    Budget budget
    Review review
    /** `review false`: this task opts out of the recipe's default review. */
    boolean noReview
    Sandbox sandbox
    /** `sandbox false`: this task opts out of the recipe's default sandbox. */
    boolean noSandbox
    dev.wtcraft.model.Environment environment
    dev.wtcraft.model.Policy policy
    dev.wtcraft.model.Setup setup
    final Map<String, SourceLocation> keywordLocations = [:]

    TaskDelegate(RecipeBuilder builder, String name) {
        super(builder)
        this.name = name
    }

    protected String where() { "task '${name}'" }

    protected Set<String> keywords() { KEYWORDS }

    private void at(String keyword) {
        keywordLocations[keyword] = builder.callerLocation()
    }

    void engine(Object value) {
        at('engine')
        engine = text('engine', value)
    }

    void prompt(Object value) {
        at('prompt')
        if (value instanceof Prompt) {
            prompt = (Prompt) value
        } else {
            prompt = new Prompt(text('prompt', value), null)
        }
    }

    /**
     * `prompt 'bump', artifact: a` (or `prompt prompt('bump', artifact: a)`) in a library step's task: the
     * library's prompt template, filled; it is also returned.
     */
    Prompt prompt(Map values, Object name) {
        RecipeLibrary library = builder.inLibrary.peek()
        if (library == null) {
            throw new DslError("'prompt' in ${where()} takes the prompt; a library's template is read with its name: prompt acme.prompt('${name}', ...)")
        }
        Prompt filled = library.prompt(values, name)
        prompt(filled)
        filled
    }

    void scope(Object... patterns) {
        at('scope')
        scope.addAll(texts('scope', patterns))
    }

    void offLimits(Object... patterns) {
        at('offLimits')
        offLimits.addAll(texts('offLimits', patterns))
    }

    void timeout(Object value) {
        at('timeout')
        timeout = duration('timeout', value)
    }

    void verify(Closure body) {
        at('verify')
        def delegate = new VerifyDelegate(builder, name)
        RecipeBuilder.runBlock(body, delegate)
        verify.addAll(delegate.steps)
    }

    void dependsOn(Object... names) {
        at('dependsOn')
        dependsOn.addAll(texts('dependsOn', names))
    }

    void base(Object ref) {
        at('base')
        base = text('base', ref)
    }

    void attempts(Object n) {
        at('attempts')
        attempts = count('attempts', n)
    }

    void group(Object name) {
        at('group')
        group = text('group', name)
    }

    void budget(Map options) {
        at('budget')
        budget = budget('budget', options)
    }

    void review(Closure body) {
        at('review')
        review = ReviewDelegate.build(builder, where(), body)
        noReview = false
    }

    void review(Boolean enabled) {
        at('review')
        if (enabled) {
            throw new DslError("'review true' in ${where()} needs a block that names the engine, like: review { engine 'claude' }")
        }
        review = null
        noReview = true
    }

    void sandbox(Closure body) {
        at('sandbox')
        sandbox = SandboxDelegate.build(builder, where(), body)
        noSandbox = false
    }

    void sandbox(Boolean enabled) {
        at('sandbox')
        if (enabled) {
            throw new DslError("'sandbox true' in ${where()} needs a block, like: sandbox { filesystem 'workspace-write' }")
        }
        sandbox = null
        noSandbox = true
    }

    void environment(Closure body) {
        at('environment')
        environment = EnvironmentDelegate.build(builder, where(), body)
    }

    void policy(Closure body) {
        at('policy')
        def p = PolicyDelegate.build(builder, where(), body)
        policy = policy == null ? p : policy.plus(p)
    }

    /** `setup { run 'npm ci' }`: runs after the recipe's setup; a second block adds its steps. */
    void setup(Closure body) {
        at('setup')
        def s = SetupDelegate.build(builder, where(), body)
        setup = setup == null || setup.steps().isEmpty() ? s : dev.wtcraft.model.Setup.of(setup, s)
    }

    /** `setup false`: no setup, not even the recipe's. */
    void setup(Boolean enabled) {
        at('setup')
        if (enabled) {
            throw new DslError("'setup true' in ${where()} needs a block, like: setup { run 'npm ci' }")
        }
        setup = dev.wtcraft.model.Setup.none()
    }
}
