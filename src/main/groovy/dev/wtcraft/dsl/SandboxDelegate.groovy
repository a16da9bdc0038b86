package dev.wtcraft.dsl

import dev.wtcraft.model.Sandbox

/** `sandbox { filesystem 'workspace-write'; network false; writable '~/.m2'; hidden '~/.kube' }`. */
class SandboxDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(SandboxDelegate)

    private final String owner
    Sandbox.Filesystem filesystem = Sandbox.Filesystem.WORKSPACE_WRITE
    boolean network = true
    final List<String> writable = []
    final List<String> hidden = []
    boolean required = true

    SandboxDelegate(RecipeBuilder builder, String owner) {
        super(builder)
        this.owner = owner
    }

    protected String where() { "the sandbox block of ${owner}" }

    protected Set<String> keywords() { KEYWORDS }

    void filesystem(Object value) {
        String v = text('filesystem', value)
        filesystem = Sandbox.Filesystem.of(v)
        if (filesystem == null) {
            throw new DslError("wrong argument for 'filesystem' in ${where()}: expected 'read-only', 'workspace-write' or 'full', got '${v}'")
        }
    }

    void network(Object value) {
        network = flag('network', value)
    }

    void writable(Object... paths) {
        writable.addAll(absolute('writable', texts('writable', paths)))
    }

    void hidden(Object... paths) {
        hidden.addAll(absolute('hidden', texts('hidden', paths)))
    }

    void required(Object value) {
        required = flag('required', value)
    }

    private List<String> absolute(String keyword, List<String> paths) {
        paths.each {
            if (!(it.startsWith('/') || it == '~' || it.startsWith('~/'))) {
                throw new DslError("'${keyword}' in ${where()} takes absolute paths or ~/...: '${it}' is relative")
            }
        }
        paths
    }

    /** Runs a sandbox block and makes the record. */
    static Sandbox build(RecipeBuilder builder, String owner, Closure body) {
        def d = new SandboxDelegate(builder, owner)
        if (body != null) {
            RecipeBuilder.runBlock(body, d)
        }
        new Sandbox(d.filesystem, d.network, d.writable, d.hidden, d.required)
    }
}
