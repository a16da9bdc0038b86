package dev.wtcraft.dsl

import dev.wtcraft.ledger.ReviewVerdict
import dev.wtcraft.ledger.TaskOutcome
import dev.wtcraft.model.Names
import dev.wtcraft.recipetest.Results

/**
 * `expect { task('feat/x').outcome == PASSED; run.spend.tokens == 1500 }`: each statement is a condition on the
 * results read back from the run's ledger; outcomes (PASSED, SCOPE_VIOLATION, ...) and review verdicts (APPROVE,
 * REQUEST_CHANGES) are names here.
 */
class ExpectDelegate {
    static final Set<String> NAMES = (['run'] + TaskOutcome.values()*.name() + ReviewVerdict.values()*.name()) as Set
    static final Set<String> KEYWORDS = Keywords.of(ExpectDelegate) + NAMES

    private final Results results

    ExpectDelegate(Results results) {
        this.results = results
    }

    /** `task('feat/x')`: the task's results (outcome, reason, attempts, changed, violations, verify, verdict, spend, said). */
    Results.Task task(Object name) {
        if (!(name instanceof CharSequence)) {
            throw new DslError("wrong argument for 'task' in the expect block: expected a task name, got ${BlockDelegate.describe(name)}")
        }
        try {
            results.task(name.toString())
        } catch (IllegalArgumentException e) {
            throw new DslError(e.message)
        }
    }

    def propertyMissing(String name) {
        if (name == 'run') {
            return results.run()
        }
        TaskOutcome outcome = TaskOutcome.values().find { it.name() == name }
        if (outcome != null) {
            return outcome
        }
        ReviewVerdict verdict = ReviewVerdict.values().find { it.name() == name }
        if (verdict != null) {
            return verdict
        }
        throw new DslError("unknown name '${name}' in the expect block${Names.suggestion(name, KEYWORDS)}")
    }

    def propertyMissing(String name, Object value) {
        throw new DslError("cannot assign '${name}' in the expect block: declare a variable with def")
    }

    def methodMissing(String name, Object args) {
        throw new DslError("unknown keyword '${name}' in the expect block${Names.suggestion(name, KEYWORDS)}")
    }
}
