// The example recipe as it ships: its library is its own repository ('.@main'), so the test copies all of it.
test('the pages the library steps declare, and the index after them, pass') {
    repo { from '..' }
    expect {
        run.tasks == ['docs/install', 'docs/faq', 'docs/index']
        run.tasks.every { task(it).outcome == PASSED }
        task('docs/index').changed == ['docs/index.md']
    }
}
