test('grouped tasks and the docs task all pass') {
    repo { from '..' }
    expect {
        run.tasks.every { task(it).outcome == PASSED }
        task('feat/orders-table').changed == ['db/orders/001.sql']
        task('feat/users-table').changed == ['db/users/001.sql']
    }
}
