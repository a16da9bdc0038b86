// A realistic pipeline: generate, then format, then document, each in its own lane, with timeouts.
// Recipes are code: the three API modules are one loop.
wtcraft {
    base 'main'
    timeout '10m'
}

engines {
    shell 'codegen', './scripts/generate.sh "$WTCRAFT_PROMPT_FILE"', timeout: '5m'
    shell 'fmt', 'npx prettier --write src'
    codex { model 'gpt-5.1-codex' }
}

def modules = ['users', 'orders', 'billing']

modules.each { m ->
    task("gen/${m}") {
        engine 'codegen'
        prompt "Generate the ${m} API client from openapi/${m}.yaml."
        scope "src/clients/${m}/"
        offLimits 'openapi/', 'package.json'
        verify {
            run "npm test -- clients/${m}", timeout: '5m'
        }
    }
}

task('chore/format') {
    dependsOn modules.collect { "gen/${it}" }
    engine 'fmt'
    scope 'src/'
    verify { run 'npx prettier --check src' }
}

task('docs/clients') {
    dependsOn 'chore/format'
    engine 'codex'
    prompt file('prompts/docs.md')
    scope 'docs/'
    verify { run 'test -s docs/clients.md' }
}
