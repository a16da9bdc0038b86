// The demo recipe as it ships: its stand-in agents are shell scripts, so it runs as it is.
test('the greeting passes and the docs task is caught bumping the version') {
    repo { from '..' }
    expect {
        task('feat/greeting').outcome == PASSED
        task('feat/greeting').changed == ['src/hello.txt']
        task('feat/greeting').verdict == APPROVE
        task('docs/greeting').outcome == SCOPE_VIOLATION
        task('docs/greeting').violations*.file.unique() == ['package.json']
        run.exitCode == 2
    }
}

// The same recipe with a scripted helper that stays in its lane: both tasks pass.
test('a helper that stays in docs/ passes') {
    repo { from '..' }
    engine 'helper' {
        edit 'docs/greeting.md', '# Greeting\n\n`sh src/greet.sh` prints it.\n'
        say 'documented the greeting'
        usage input: 1200, output: 300
    }
    expect {
        task('docs/greeting').outcome == PASSED
        task('docs/greeting').changed == ['docs/greeting.md']
        task('docs/greeting').said == ['documented the greeting']
        run.spend.tokens == 1500
        run.exitCode == 0
    }
}
