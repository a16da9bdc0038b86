// libraries: recipe code shared across repositories, pinned in wtcraft.lock. A library is a git repository with
// vars/NAME.groovy steps (called as house.NAME(...)), src/ classes and prompts/ templates. So that this example
// needs nothing else, its own repository is the library ('.': vars/ and prompts/ at its root); in real use it is
// 'https://git.example.com/acme/wtcraft-recipes.git@v1.4.2'. A library runs code when the recipe is read, so trust
// it first: wtcraft plan says how (wtcraft lib trust SOURCE).
libraries {
    use '.@main', as: 'house'
}

engines {
    shell 'writer', 'sh scripts/write-page.sh'
}

task house.docPage('install')                         // the step returns a task; the recipe declares it
task house.docPage('faq') { attempts 2 }              // and a block after it adds to what the step set

task('docs/index') {
    dependsOn 'docs/install', 'docs/faq'
    engine 'writer'
    prompt house.prompt('page', topic: 'index')       // the library's prompt template, filled
    scope 'docs/'
    verify house.standardChecks()                     // a step that returns a verify block
}
