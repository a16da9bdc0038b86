test('the shell and replay engines do their tasks') {
    repo { from '..' }
    expect {
        run.tasks.every { task(it).outcome == PASSED }
        task('chore/build-info').changed == ['build-info.txt']
        task('docs/release-notes').usage.totalTokens > 0
    }
}

test('an engine that exits non-zero fails its task') {
    repo { from '..' }
    tasks 'chore/format'
    engine 'fmt' { run 'echo formatting'; say 'gave up'; exit 3 }
    expect {
        task('chore/format').outcome == ENGINE_FAILED
        task('chore/format').said == ['gave up']
        run.tasks == ['chore/format']
    }
}
