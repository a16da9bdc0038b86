// review: once a task passed check and verify, a second engine reviews it read-only (the contract, the diff and
// the gates' results) and answers VERDICT: APPROVE or VERDICT: REQUEST_CHANGES. The reviewer here is a small
// script; in real use it is another agent CLI (review { engine 'claude' }).
wtcraft {
    base 'main'
    review { engine 'reviewer'; timeout '1m' }        // every task with an engine, unless it says otherwise
}

engines {
    shell 'greeter', 'mkdir -p src && echo "hello, world" > src/hello.txt'
    shell 'stamper', 'date -u +%Y > YEAR'
    shell 'reviewer', 'sh scripts/review.sh'
}

task('feat/greeting') {
    engine 'greeter'
    prompt 'Write a friendly greeting into src/hello.txt.'
    scope 'src/'
    verify { run 'grep -q hello src/hello.txt' }
    review {
        engine 'reviewer'
        prompt 'Check that the greeting is friendly.'
        required true                                 // the task passes only with an approval
        timeout '30s'
    }
}

task('chore/year') {
    engine 'stamper'
    prompt 'Write the current year into YEAR.'
    scope 'YEAR'
    review false                                      // opts out of the recipe's review
}
