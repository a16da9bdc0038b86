// scope and offLimits: what a task may change, and what it must not whatever its scope says. check judges the
// real changed files, whatever the engine says it did. This engine stays in its lane; run it with
// `shell 'tidy', 'sh scripts/tidy.sh --stray'` to see a change to an off-limits file caught (scope_violation, exit 2).
wtcraft { base 'main' }

engines {
    shell 'tidy', 'sh scripts/tidy.sh'
}

task('fix/config') {
    engine 'tidy'
    prompt 'Normalize the settings in config/app.conf and describe them in docs/config.md.'
    scope 'config/', 'docs/*.md'                      // a path and everything under it; a glob where * crosses /
    offLimits 'config/secrets.conf', 'package.json'   // never to be changed, even inside the scope
    verify { run 'grep -qx "name = app" config/app.conf' }
}
