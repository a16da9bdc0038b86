// engines: what does a task's work. `shell` is the built-in engine, any command line (a formatter, a generator,
// your own script), bounded by timeout:; `replay` plays a recorded agent stream back into the ledger without
// running an agent, to try a recipe out. Agent CLIs (codex, claude, gemini) are declared the same way and need
// their CLI and a login: see dsl-docs/engines.md.
wtcraft { base 'main' }

engines {
    shell 'fmt', 'sh scripts/fmt.sh src', timeout: '1m'
    shell 'stamp', 'printf "task %s, run %s\n" "$WTCRAFT_TASK" "$WTCRAFT_RUN_ID" > build-info.txt'
    replay 'recorded', 'recordings/claude-notes.jsonl', as: 'claude'
}

task('chore/format') {
    engine 'fmt'
    prompt 'Strip trailing whitespace in src/.'
    scope 'src/'
    verify { run '! grep -rn " $" src' }
}

task('chore/build-info') {
    engine 'stamp'
    prompt 'Record which task and run built this.'
    scope 'build-info.txt'
    verify { run 'grep -q "task chore/build-info" build-info.txt' }
}

task('docs/release-notes') {
    engine 'recorded'                                 // the recording's usage and final message go to the ledger
    prompt 'Check the release notes.'
    scope 'docs/'
    timeout '1m'
}
