// A step that returns a block for verify: the checks every documentation task shares.
def call() {
    return {
        run 'ls docs/*.md'
        run '! grep -rn TODO docs'
    }
}
