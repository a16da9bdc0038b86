// policy: which commands a task may run. wtcraft applies it to what it starts itself (verification steps, the
// shell engine's command) and hands it to Claude Code and Gemini in their own terms. deny wins over ask, ask over
// allow; a command no rule matches runs. `ask` commands need a terminal or `wtcraft run --approve PATTERN`.
wtcraft {
    base 'main'
    policy { deny 'git push*', 'curl *' }            // every task
}

engines {
    shell 'bumper', 'sh scripts/bump.sh'
}

task('chore/changelog') {
    engine 'bumper'
    prompt 'Add a 1.0.1 section to CHANGELOG.md.'
    scope 'CHANGELOG.md'
    policy {                                          // added to the recipe's rules
        allow 'sh scripts/*', 'grep *'
        ask 'npm publish*'
        deny 'rm -rf *'
    }
    verify { run 'grep -q "## 1.0.1" CHANGELOG.md' }
}
