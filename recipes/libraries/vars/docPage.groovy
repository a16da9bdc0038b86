// A step: house.docPage('install') returns the task that writes docs/install.md.
def call(String topic) {
    task("docs/${topic}") {
        engine 'writer'
        prompt 'page', topic: topic
        scope 'docs/'
        verify library.standardChecks()
    }
}
