test('the setup installs and copies before the engine runs') {
    repo { from '..' }
    expect {
        task('feat/app').outcome == PASSED
        task('feat/app').changed == ['out/app.txt']
        task('chore/no-setup').outcome == PASSED
    }
}

test('a task that changes the .env its setup copied is caught') {
    repo { from '..' }
    tasks 'feat/app'
    engine 'app' { edit 'out/app.txt', 'hello from vendor\n'; edit '.env', 'TOKEN=mine\n' }
    expect {
        task('feat/app').outcome == SCOPE_VIOLATION
        task('feat/app').violations*.file.unique() == ['.env']
    }
}
