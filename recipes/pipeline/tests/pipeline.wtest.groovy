test('every client is generated, formatted and documented') {
    repo { from '..' }
    expect {
        run.tasks.every { task(it).outcome == PASSED }
        task('gen/users').changed.every { it.startsWith('src/clients/users/') }
    }
}

test('a generator that touches the OpenAPI spec is caught, and what depends on it does not run') {
    repo { from '..' }
    engine('codegen', task: 'gen/orders') { edit 'openapi/orders.yaml', 'changed: true\n' }
    expect {
        task('gen/orders').outcome == SCOPE_VIOLATION
        task('gen/users').outcome == PASSED
        task('chore/format').outcome == SKIPPED
        task('docs/clients').outcome == SKIPPED
    }
}
