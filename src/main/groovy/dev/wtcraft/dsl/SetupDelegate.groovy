package dev.wtcraft.dsl

import dev.wtcraft.model.Setup
import dev.wtcraft.model.Setup.Action

import java.time.Duration

/**
 * `setup { run 'npm ci', cache: 'node_modules'; copy '.env.example', to: '.env'; link 'vendor'; timeout '10m' }`:
 * what prepares a task's worktree before its engine starts.
 */
class SetupDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(SetupDelegate)
    private static final Set<String> RUN_OPTIONS = ['cache', 'key', 'timeout'] as Set

    private final String owner
    final List<Action> steps = []
    Duration timeout

    SetupDelegate(RecipeBuilder builder, String owner) {
        super(builder)
        this.owner = owner
    }

    protected String where() { "the setup block of ${owner}" }

    protected Set<String> keywords() { KEYWORDS }

    void run(Object command) {
        steps << new Action(Setup.Kind.RUN, text('run', command), null, [], [], null)
    }

    /** `run 'npm ci', cache: 'node_modules', key: 'package-lock.json', timeout: '5m'` */
    void run(Map options, Object command) {
        def unknown = options.keySet() - RUN_OPTIONS
        if (unknown) {
            String u = unknown.first() as String
            throw new DslError("unknown option '${u}' for 'run' in ${where()}${dev.wtcraft.model.Names.suggestion(u, RUN_OPTIONS)}")
        }
        List<String> cache = options.cache == null ? [] : paths('cache', options.cache)
        List<String> key = options.key == null ? [] : paths('key', options.key)
        if (!key.isEmpty() && cache.isEmpty()) {
            throw new DslError("'key' for 'run' in ${where()} names what keys a cache: add cache: with the paths the command makes, like: run 'npm ci', cache: 'node_modules', key: 'package-lock.json'")
        }
        steps << new Action(Setup.Kind.RUN, text('run', command), null, cache, key,
                options.timeout == null ? null : duration('timeout', options.timeout))
    }

    /** `copy '.env.example', to: '.env'`: a file or directory of the worktree (or the main checkout's). */
    void copy(Map options, Object from) {
        def unknown = options.keySet() - ['to']
        if (unknown || options.to == null) {
            throw new DslError("'copy' in ${where()} takes the destination as to:, like: copy '.env.example', to: '.env'")
        }
        steps << new Action(Setup.Kind.COPY, relative('copy', text('copy', from)), relative('copy', text('copy', options.to)),
                [], [], null)
    }

    void copy(Object from) {
        throw new DslError("'copy' in ${where()} needs where the copy goes, like: copy '${from}', to: '...'")
    }

    /** `link 'node_modules'`: the main checkout's path, linked into the worktree. */
    void link(Object... paths) {
        texts('link', paths).each {
            steps << new Action(Setup.Kind.LINK, relative('link', it), null, [], [], null)
        }
    }

    void timeout(Object value) {
        timeout = duration('timeout', value)
    }

    private List<String> paths(String option, Object value) {
        List<Object> values = value instanceof Collection ? value as List : [value]
        if (values.isEmpty()) {
            throw new DslError("'${option}' for 'run' in ${where()} needs at least one path")
        }
        values.collect { relative(option, text(option, it)) }
    }

    /** A path inside the worktree: relative, without `..`, not the git directory. */
    private String relative(String keyword, String path) {
        String p = path.replaceAll('/+$', '')
        List<String> parts = p.split('/') as List
        if (p.isEmpty() || p.startsWith('/') || p.startsWith('~') || parts.contains('..') || parts.contains('.git')
                || p == '.') {
            throw new DslError("'${keyword}' in ${where()} takes a path inside the worktree (relative, no '..', not .git): '${path}'")
        }
        p
    }

    /** Runs a setup block and makes the record. */
    static Setup build(RecipeBuilder builder, String owner, Closure body) {
        def d = new SetupDelegate(builder, owner)
        RecipeBuilder.runBlock(body, d)
        if (d.steps.isEmpty()) {
            throw new DslError("the setup block of ${owner} has no steps: add run, copy or link, like: run 'npm ci'")
        }
        new Setup(d.steps, d.timeout)
    }
}
