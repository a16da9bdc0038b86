// The library's own steps, tested as a library: `library 'house'` makes each test's recipe use this directory's
// vars/ and prompts/ (as they are now, committed or not) under the name house.
library 'house'

test('docPage declares a docs task that passes when its page is written') {
    recipe '''task house.docPage('install')'''
    engine 'writer' { edit 'docs/install.md', '# Install\n\nRun the installer.\n'; say 'wrote docs/install.md' }
    expect {
        task('docs/install').outcome == PASSED
        task('docs/install').changed == ['docs/install.md']
        task('docs/install').prompt.contains('Write the install page of the documentation in docs/install.md.')
        task('docs/install').verify*.command == ['ls docs/*.md', '! grep -rn TODO docs']
    }
}

test('docPage keeps the writer in docs/') {
    recipe '''task house.docPage('faq')'''
    engine 'writer' { edit 'docs/faq.md', '# FAQ\n'; edit 'README.md', 'rewritten' }
    expect {
        task('docs/faq').outcome == SCOPE_VIOLATION
        task('docs/faq').violations*.file == ['README.md']
    }
}

test('standardChecks fails a page that still has a TODO') {
    recipe '''task house.docPage('faq')'''
    engine 'writer' { edit 'docs/faq.md', '# FAQ\n\nTODO: the questions\n' }
    expect {
        task('docs/faq').outcome == VERIFY_FAILED
        task('docs/faq').verify*.passed() == [true, false]
    }
}

test('a block after the step adds to what it set') {
    recipe '''task house.docPage('faq') { attempts 2 }'''
    engine('writer', attempt: 1) { edit 'docs/faq.md', 'TODO\n' }
    engine('writer', attempt: 2) { edit 'docs/faq.md', '# FAQ\n' }
    expect {
        task('docs/faq').outcome == PASSED
        task('docs/faq').attempts == 2
    }
}
