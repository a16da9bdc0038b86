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

test('a real Claude Code run, exported with wtcraft export, replays its change: the same check and verification') {
    // recordings/claude-hello.wtcraft-bundle: Claude Code wrote hello.txt and hello_write.txt ("hello")
    repo { from '..' }
    recipe '''
        engines { replay 'claude', 'recordings/claude-hello.wtcraft-bundle' }
        task('feat/hello') {
            engine 'claude'
            prompt 'Write hello into hello.txt.'
            scope 'hello.txt', 'hello_write.txt'
            verify { run 'grep -qx hello hello.txt' }
        }
    '''
    expect {
        task('feat/hello').outcome == PASSED
        task('feat/hello').changed == ['hello.txt', 'hello_write.txt']
        task('feat/hello').violations == []
        task('feat/hello').usage.totalTokens > 0
    }
}
