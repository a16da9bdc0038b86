test('the changelog is bumped within the policy') {
    repo { from '..' }
    expect {
        task('chore/changelog').outcome == PASSED
        task('chore/changelog').changed == ['CHANGELOG.md']
    }
}
