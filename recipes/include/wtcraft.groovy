// A recipe that shares its checks with others through include.
include 'checks/standard.groovy'

task('feat/banner') {
    engine 'writer'
    prompt 'Add a banner to src/banner.txt.'
    scope 'src/'
    verify { run 'test -s src/banner.txt' }
}
