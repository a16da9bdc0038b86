test('each task sees the work of the tasks it depends on') {
    repo { from '..' }
    expect {
        run.tasks == ['feat/first-note', 'feat/second-note', 'docs/index', 'chore/recipe']
        run.tasks.every { task(it).outcome == PASSED }
        task('docs/index').changed == ['docs/index.txt']
        task('chore/recipe').changed == []
    }
}

test('a dependency that fails leaves the tasks after it unrun') {
    repo { from '..' }
    engine 'first' { edit 'notes/first.md', ''; exit 1 }
    expect {
        task('feat/first-note').outcome == ENGINE_FAILED
        task('feat/second-note').outcome == SKIPPED
        task('docs/index').outcome == SKIPPED
        run.exitCode == 4
    }
}
