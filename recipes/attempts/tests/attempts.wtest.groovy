test('the second attempt reads the feedback and passes') {
    repo { from '..' }
    expect {
        task('fix/answer').outcome == PASSED
        task('fix/answer').attempts == 2
    }
}

test('a scripted engine wrong once, right the second time') {
    repo { from '..' }
    engine('learner', attempt: 1) { edit 'answer.txt', '41\n'; usage input: 1000, output: 200 }
    engine('learner', attempt: 2) { edit 'answer.txt', '42\n'; usage input: 2000, output: 300 }
    expect {
        task('fix/answer').outcome == PASSED
        task('fix/answer').attempts == 2
        task('fix/answer').spend.tokens == 3500
    }
}

test('an engine past its task budget is stopped there') {
    repo { from '..' }
    engine 'learner' { usage input: 40000, output: 20000; edit 'answer.txt', '42\n' }
    expect {
        task('fix/answer').outcome == BUDGET
        run.exitCode == 4
    }
}
