// environment: the only variables a task's processes get (a minimal base such as PATH and HOME, wtcraft's own
// WTCRAFT_*, and those named here). A secret is passed too, and its value is written as [REDACTED:NAME] in every
// ledger file, event and progress line. A secret that is not set stops the run before anything is created:
// run this one as  EXAMPLE_TOKEN=any-value wtcraft run
wtcraft { base 'main' }

engines {
    shell 'deployer', 'sh scripts/deploy.sh'
}

task('ops/deploy') {
    engine 'deployer'
    prompt 'Deploy, and record the deployment in deploy/status.txt.'
    scope 'deploy/'
    environment {
        pass 'LANG', 'TZ'                             // passed as they are, when set
        secret 'EXAMPLE_TOKEN'                        // passed, and never written down
    }
    verify {
        run 'test -n "$EXAMPLE_TOKEN"'
        run 'grep -q "deployed with a token of" deploy/status.txt'
    }
}
