package dev.wtcraft.scope

import spock.lang.Specification

class PathPatternSpec extends Specification {

    def "'#item' matches '#path': #expected"() {
        expect:
        PathPattern.compile(item).matches(path) == expected

        where:
        item          | path              || expected
        'src'         | 'src'             || true
        'src'         | 'src/x'           || true
        'src'         | 'src/a/b.ts'      || true
        'src'         | 'src2/x'          || false
        'src/'        | 'src/x'           || true
        'src/'        | 'src'             || true
        'src/'        | 'src2/x'          || false
        'src/a.ts'    | 'src/a.ts'        || true
        'src/a.ts'    | 'src/a.tsx'       || false
        'src/*.ts'    | 'src/a.ts'        || true
        'src/*.ts'    | 'src/a/b.ts'      || true
        'src/*.ts'    | 'lib/a.ts'        || false
        'src/*.ts'    | 'src/a.tsx'       || false
        '*.md'        | 'README.md'       || true
        '*.md'        | 'docs/x/y.md'     || true
        '*.md'        | 'docs/x/y.mdx'    || false
        'src/**'      | 'src/a/b/c'       || true
        'src/**'      | 'srcx'            || false
        '.env*'       | '.env'            || true
        '.env*'       | '.env.local'      || true
        '.env*'       | 'a/.env'          || false
        'file?.txt*'  | 'file1.txt'       || true
        'file?.txt*'  | 'file12.txt'      || false
        'file?.txt'   | 'file?.txt'       || true
        'file?.txt'   | 'file1.txt'       || false
        'v[12].txt'   | 'v[12].txt'       || true
        'v[12].txt'   | 'v1.txt'          || false
        'v[12]*.txt'  | 'v1.txt'          || true
        'v[12]*.txt'  | 'v3.txt'          || false
        'v[!12]*.txt' | 'v3.txt'          || true
        'v[!12]*.txt' | 'v1.txt'          || false
        'v[a-c]*'     | 'vb'              || true
        'v[a-c]*'     | 'vd'              || false
        'a[*'         | 'a[bc'            || true
        'a.b*'        | 'axb'             || false
        'a+(b)*'      | 'a+(b)c'          || false
        'a+(b)*'      | 'abc'             || true
    }

    def "an off-limits item gives one violation per match and a scope miss is its own violation"() {
        given:
        def verdict = new ScopeVerdict(['src/'], ['package.json', '*.json'])

        when:
        def violations = verdict.judge(null, '.worktree-task.md', ['package.json', 'src/ok.ts'])

        then:
        violations*.kind == [ViolationKind.SCOPE, ViolationKind.OFF_LIMITS, ViolationKind.OFF_LIMITS]
        violations*.file == ['package.json'] * 3
        violations*.matched == [null, 'package.json', '*.json']
    }

    def "an empty scope checks nothing but off-limits is always checked"() {
        expect:
        new ScopeVerdict([], ['secret/']).judge(null, 't', ['anything.txt', 'secret/k'])*.file == ['secret/k']
    }

    def "a changed specification comes first"() {
        expect:
        new ScopeVerdict(['src/'], []).judge(true, '.worktree-task.md', ['x'])*.kind ==
                [ViolationKind.SPECIFICATION_CHANGED, ViolationKind.SCOPE]
    }
}
