// verify: the steps that decide whether a task's work is good, run with bash -lc in its worktree, in order, each
// even after one failed; timeout: bounds one step. Their output is in events.jsonl, their results in verify.json.
wtcraft { base 'main' }

engines {
    shell 'versioner', 'echo 1.2.3 > VERSION'
}

task('feat/version') {
    engine 'versioner'
    prompt 'Write the version, 1.2.3, into VERSION.'
    scope 'VERSION'
    verify {
        run 'test -s VERSION'
        run 'grep -Eqx "[0-9]+\\.[0-9]+\\.[0-9]+" VERSION', timeout: '10s'
        run 'sh src/version.sh | grep -qx "version 1.2.3"'
    }
}

task('chore/lint') {                                  // no engine: the steps run on the base as it is
    verify {
        run 'sh -n src/version.sh'
        run '! grep -rn TODO src'
    }
}
