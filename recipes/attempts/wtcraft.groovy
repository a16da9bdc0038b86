// attempts and budget: after a failed check or verification the next attempt is told what broke. A shell engine
// finds the attempt number in $WTCRAFT_ATTEMPT and the feedback in $WTCRAFT_FEEDBACK_FILE; an agent CLI resumes its
// session with it. A budget (tokens:, usd:) stops an agent at the first usage report past it; a shell engine
// reports no usage, so here it only shows where budgets go.
wtcraft {
    base 'main'
    attempts 1                                        // the default for tasks that set none
    budget tokens: 1_000_000, usd: 10                 // the whole run
    taskBudget tokens: 200_000                        // each task that sets none
}

engines {
    shell 'learner', 'sh scripts/learner.sh'
}

task('fix/answer') {
    engine 'learner'
    prompt 'Write the answer into answer.txt.'
    scope 'answer.txt'
    attempts 2                                        // the first try is wrong; the second reads the feedback
    budget tokens: 50_000, usd: 0.5
    verify { run 'grep -qx 42 answer.txt' }
}
