test('the tidy script stays in its scope') {
    repo { from '..' }
    expect {
        task('fix/config').outcome == PASSED
        task('fix/config').changed.sort() == ['config/app.conf', 'docs/config.md']
    }
}

test('a change to an off-limits file inside the scope is caught') {
    repo { from '..' }
    engine 'tidy' {
        edit 'config/app.conf', 'name = app\n'
        edit 'config/secrets.conf', 'token = changed\n'
    }
    expect {
        task('fix/config').outcome == SCOPE_VIOLATION
        task('fix/config').violations*.kind == ['off_limits']
        task('fix/config').violations*.file == ['config/secrets.conf']
        run.exitCode == 2
    }
}

test('a file outside the scope is caught') {
    repo { from '..' }
    engine 'tidy' { edit 'config/app.conf', 'name = app\n'; edit 'notes.txt', 'stray' }
    expect {
        task('fix/config').violations*.kind == ['scope']
        task('fix/config').outcome == SCOPE_VIOLATION
    }
}
