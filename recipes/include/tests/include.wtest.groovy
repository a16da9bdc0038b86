test('the included engine and task run with the recipe own') {
    repo { from '..' }
    expect {
        run.tasks.sort() == ['chore/whitespace', 'feat/banner']
        task('feat/banner').outcome == PASSED
        task('chore/whitespace').outcome == PASSED
    }
}
