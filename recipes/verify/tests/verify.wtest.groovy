test('the version passes every step') {
    repo { from '..' }
    expect {
        task('feat/version').outcome == PASSED
        task('feat/version').verify*.passed() == [true, true, true]
        task('chore/lint').outcome == PASSED
    }
}

test('a malformed version fails its verification, step by step') {
    repo { from '..' }
    engine 'versioner' { edit 'VERSION', 'one point two\n' }
    expect {
        task('feat/version').outcome == VERIFY_FAILED
        task('feat/version').verify*.passed() == [true, false, false]
        run.exitCode == 3
    }
}
