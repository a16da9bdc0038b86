// setup: a fresh worktree holds only what git tracks. setup { } prepares it before the engine starts: run an
// install (cached once per key for every task that shares it), copy a file, link one from the main checkout.
// What a setup makes must be git-ignored (see .gitignore), or the task ends setup_failed.
wtcraft {
    base 'main'
    setup {
        run 'sh scripts/install.sh', cache: 'vendor', key: ['deps.txt']   // every task; one install per deps.txt
        timeout '5m'
    }
}

engines {
    shell 'app', 'sh scripts/app.sh'
}

task('feat/app') {
    engine 'app'
    prompt 'Write out/app.txt with the vendored library.'
    scope 'out/'
    offLimits '.env*'                                 // the .env the setup copied is not the engine's to change
    setup { copy '.env.example', to: '.env' }         // after the recipe's setup
    verify {
        run 'test -f vendor/greeting.sh'
        run 'grep -q "hello from vendor" out/app.txt'
    }
}

task('chore/no-setup') {
    setup false                                       // not even the recipe's
    verify { run 'test ! -e vendor' }
}
