// The hello recipe: two tasks done by stand-in agents (small shell scripts), so it runs with no API key.
// `wtcraft demo` runs it in a scratch repository: the first task passes and a stand-in reviewer approves it,
// the second strays out of its scope and is caught. The demo then lands what is ready and writes the report.
// Every task runs in the OS sandbox where this machine has one (bubblewrap), and without it where not.
// expect: docs/greeting scope_violation
// expect: exit 2
wtcraft {
    base 'main'
    sandbox { filesystem 'workspace-write'; network false; required false }
}

engines {
    shell 'greeter', 'sh scripts/agent-greet.sh'
    shell 'helper', 'sh scripts/agent-helper.sh'
    shell 'reviewer', 'sh scripts/agent-review.sh'
}

task('feat/greeting') {
    engine 'greeter'
    prompt 'Write a friendly greeting into src/hello.txt.'
    scope 'src/'
    offLimits 'package.json'
    timeout '1m'
    verify {
        run 'grep -q hello src/hello.txt'
        run 'sh src/greet.sh | grep -q hello', timeout: '10s'
    }
    review { engine 'reviewer' }
}

task('docs/greeting') {
    dependsOn 'feat/greeting'
    engine 'helper'
    prompt 'Document the greeting in docs/greeting.md. Touch nothing else.'
    scope 'docs/'
    offLimits 'package.json'
    verify { run 'test -s docs/greeting.md' }
}
