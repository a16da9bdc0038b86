// A realistic pipeline: generate three API clients, then format them, then document them, each in its own lane
// with timeouts. Recipes are code: the three modules are one loop. The engines are small scripts here, so it runs
// with no API key; in real use the generator is yours and the writer an agent (codex { model 'gpt-5.1-codex' }).
wtcraft {
    base 'main'
    timeout '10m'
}

engines {
    shell 'codegen', 'sh scripts/generate.sh "$WTCRAFT_PROMPT_FILE"', timeout: '5m'
    shell 'fmt', 'sh scripts/format.sh src'
    shell 'writer', 'sh scripts/write-docs.sh'
}

def modules = ['users', 'orders', 'billing']

modules.each { m ->
    task("gen/${m}") {
        engine 'codegen'
        prompt "Generate the ${m} API client from openapi/${m}.yaml."
        scope "src/clients/${m}/"
        offLimits 'openapi/', 'package.json'
        verify {
            run "sh tests/check-client.sh ${m}", timeout: '5m'
        }
    }
}

task('chore/format') {
    dependsOn modules.collect { "gen/${it}" }
    engine 'fmt'
    scope 'src/'
    verify { run 'sh scripts/format.sh --check src' }
}

task('docs/clients') {
    dependsOn 'chore/format'
    engine 'writer'
    prompt file('prompts/docs.md')
    scope 'docs/'
    verify { run 'test -s docs/clients.md' }
}
