// sandbox: on Linux with bubblewrap a task's engine, verification and reviewer run confined: the worktree
// writable, the git directory read-only, secret directories hidden, no network with `network false`. With
// `required false` a machine without a sandbox runs the task unconfined and the ledger says so; `wtcraft doctor`
// says which this machine is.
wtcraft {
    base 'main'
    sandbox { filesystem 'workspace-write'; network false; required false }   // every task that declares none
}

engines {
    shell 'builder', 'sh scripts/build.sh'
    shell 'writer', 'mkdir -p docs && echo "Built by scripts/build.sh." > docs/build.md'
}

task('feat/build') {
    engine 'builder'
    prompt 'Build the project into out/.'
    scope 'out/'
    sandbox {
        filesystem 'workspace-write'                  // the worktree and a private /tmp, nothing else
        network false                                 // not even 127.0.0.1
        writable '~/.cache/example-build'             // a build tool's cache, where it exists
        hidden '~/.kube'                              // beside the standard secret directories
        required false
    }
    verify { run 'grep -q "built" out/build.txt' }
}

task('docs/build') {
    engine 'writer'
    prompt 'Describe the build in docs/build.md.'
    scope 'docs/'
    sandbox false                                     // opts out of the recipe's sandbox
}
