test('the secret reaches the deployment and never the ledger') {
    repo { from '..' }
    env EXAMPLE_TOKEN: 'not-a-real-token-123'
    expect {
        task('ops/deploy').outcome == PASSED
        !new File(task('ops/deploy').ledger.toFile(), 'events.jsonl').text.contains('not-a-real-token-123')
    }
}
