// required false: where this machine has no sandbox the tasks run without one, so the test runs anywhere.
test('the build and its docs pass, sandboxed where the machine can') {
    repo { from '..' }
    expect {
        task('feat/build').outcome == PASSED
        task('feat/build').changed == ['out/build.txt']
        task('docs/build').outcome == PASSED
    }
}
