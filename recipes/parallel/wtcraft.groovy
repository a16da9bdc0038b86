// group, jobs and parallel: tasks run at once where the plan allows (up to jobs), never two whose scopes can
// match the same path and never two of one group (a shared database, a port). `parallel false` would run one task
// at a time. `wtcraft plan` says which tasks never overlap, and why.
wtcraft {
    base 'main'
    jobs 2
    parallel true
}

engines {
    shell 'migrate', 'sh scripts/migrate.sh'
    shell 'docs', 'mkdir -p docs && echo "# Schema" > docs/schema.md'
}

task('feat/orders-table') {
    engine 'migrate'
    prompt 'Add the orders table: db/orders/001.sql.'
    scope 'db/orders/'
    group 'db'                                        // shares the database with feat/users-table
    verify { run 'test -s db/orders/001.sql' }
}

task('feat/users-table') {
    engine 'migrate'
    prompt 'Add the users table: db/users/001.sql.'
    scope 'db/users/'
    group 'db'
    verify { run 'test -s db/users/001.sql' }
}

task('docs/schema') {                                 // no group, its own scope: runs beside either of them
    engine 'docs'
    prompt 'Describe the schema in docs/schema.md.'
    scope 'docs/'
    verify { run 'test -s docs/schema.md' }
}
