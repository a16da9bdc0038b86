package dev.wtcraft.support

/**
 * What an adversary spec tried and what stopped each attempt. Every attack is recorded with its outcome when it
 * was stopped ("blocked: ...", "reported by check: ...") or with what happened instead; {@link #allStopped()}
 * prints the table to stdout and is the spec's condition, so a run's output says which boundary held where.
 *
 * <pre>
 * def report = new AttackReport('git hooks, as root')
 * report.blocked('post-commit hook', !Files.exists(marker), 'no hook ran', 'the hook ran')
 * report.reported('hook added', violations.any { ... }, 'git_internals: hook post-commit added', "check said ${v}")
 * then: report.allStopped()
 * </pre>
 */
final class AttackReport {
    private final String title
    private final Map<String, String> outcomes = new LinkedHashMap<>()
    private final Set<String> stopped = new HashSet<>()

    AttackReport(String title) {
        this.title = title
    }

    /** An attack the boundary must prevent: stopped when {@code held}. */
    AttackReport blocked(String attack, boolean held, String how, String otherwise = 'it went through') {
        record(attack, held, 'blocked: ' + how, otherwise)
    }

    /** An attack check must report after the fact: stopped when {@code held}. */
    AttackReport reported(String attack, boolean held, String how, String otherwise = 'check said nothing') {
        record(attack, held, 'reported by check: ' + how, otherwise)
    }

    /** Any other way an attack can be stopped (redacted, refused, killed): the outcome says which. */
    AttackReport record(String attack, boolean held, String outcome, String otherwise = 'it went through') {
        if (outcomes.containsKey(attack)) {
            throw new IllegalArgumentException("attack recorded twice: ${attack}")
        }
        outcomes[attack] = held ? outcome : 'NOT STOPPED: ' + otherwise
        if (held) {
            stopped << attack
        }
        this
    }

    /** The recorded outcome of one attack (null when it was not tried). */
    String outcome(String attack) {
        outcomes[attack]
    }

    List<String> attacks() {
        List.copyOf(outcomes.keySet())
    }

    /** Prints each attack with its outcome; true when every one was stopped (and at least one was tried). */
    boolean allStopped() {
        println(toString())
        !outcomes.isEmpty() && outcomes.keySet().every { stopped.contains(it) }
    }

    @Override
    String toString() {
        int width = Math.max(24, (outcomes.keySet()*.length().max() ?: 0) + 2)
        def lines = ["== ${title}".toString(), String.format("%-${width}s%s", 'attack', 'outcome')]
        outcomes.each { k, v -> lines << String.format("%-${width}s%s", k, v) }
        lines.join('\n')
    }
}
