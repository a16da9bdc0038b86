test('the reviewer approves the greeting; the year opts out of review') {
    repo { from '..' }
    expect {
        task('feat/greeting').outcome == PASSED
        task('feat/greeting').verdict == APPROVE
        task('chore/year').outcome == PASSED
        task('chore/year').verdict == null
    }
}

test('a reviewer that requests changes stops a required review') {
    repo { from '..' }
    engine 'reviewer' { say 'VERDICT: REQUEST_CHANGES\n- the greeting is not friendly enough' }
    expect {
        task('feat/greeting').outcome == CHANGES_REQUESTED
        task('feat/greeting').verdict == REQUEST_CHANGES
        run.exitCode == 5
    }
}
