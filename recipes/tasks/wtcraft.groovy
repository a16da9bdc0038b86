// Tasks and dependsOn: each task gets a worktree on a branch of its own; a task that depends on another starts
// from that task's branch (and merges the others it depends on), so it sees their work. A task without an
// engine only verifies.
wtcraft { base 'main' }

engines {
    shell 'first', 'mkdir -p notes && echo "first note" > notes/first.md'
    shell 'second', 'cp notes/first.md notes/second.md && echo "second note" >> notes/second.md'
    shell 'index', 'mkdir -p docs && ls notes > docs/index.txt'
}

task('feat/first-note') {
    engine 'first'
    prompt 'Write the first note.'
    scope 'notes/'
    verify { run 'test -s notes/first.md' }
}

task('feat/second-note') {
    dependsOn 'feat/first-note'                       // starts from feat/first-note: notes/first.md is there
    engine 'second'
    prompt 'Write a second note that quotes the first.'
    scope 'notes/'
    verify { run 'grep -q "first note" notes/second.md' }
}

task('docs/index') {
    dependsOn 'feat/first-note', 'feat/second-note'   // from the first one's branch, the second merged in
    engine 'index'
    prompt 'List the notes in docs/index.txt.'
    scope 'docs/'
    verify { run 'grep -q second.md docs/index.txt' }
}

task('chore/recipe') {                                // no engine: a task that only verifies
    verify { run 'test -s wtcraft.groovy' }
}
