// Engines and a check task that several recipes include.
engines {
    shell 'writer', 'mkdir -p src && printf "%s\n" "$WTCRAFT_PROMPT" > src/banner.txt'
}

task('chore/whitespace') {
    verify { run 'git diff --check HEAD~0' }
}
