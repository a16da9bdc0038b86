package dev.wtcraft.contract

import dev.wtcraft.scope.PathPattern
import spock.lang.Specification

import java.nio.file.Path

/**
 * Contracts read exactly as the original wtcraft (0.4.4) reads them. Every expectation below is the original's
 * own reading of the same text (its awk and bash rules), not this tool's opinion.
 */
class OriginalReadingSpec extends Specification {
    static final Path FILE = Path.of('/r/worktrees/feat/x/.worktree-task.md')

    def "Scope line #line.inspect() is #expected.inspect()"() {
        expect:
        ContractParser.parse(FILE, "## Scope\n${line}\n").scope() == expected

        where:
        line                 || expected
        '- src/'             || ['src/']
        '-src/'              || ['src/']
        '-\tsrc/'            || ['src/']
        '-   src/'           || ['src/']
        '  - src/'           || ['src/']
        '\t-\tsrc/'          || ['src/']
        'src/'               || ['src/']
        '    src/'           || ['    src/']       // no dash: the leading spaces stay, and it matches nothing
        '\tsrc/'             || ['\tsrc/']
        '- `src/a.ts`'       || ['src/a.ts']
        '- src/`a`.ts'       || ['src/a.ts']
        '- src/   '          || ['src/']
        '- src/\t'           || ['src/']
        '- src/\r'           || ['src/']          // a CRLF line keeps its \r until trailing whitespace goes
        '- # note'           || []
        '# note'             || []
        '  # note'           || ['  # note']      // not led by '#' once the (absent) dash is removed
        '-'                  || []
        '- '                 || []
        '  -  '              || []
        '- `#x`'             || []
        '- - nested'         || ['- nested']      // one dash removed, not two
        '* star'             || ['* star']
        '- a b'              || ['a b']
        ''                   || []
    }

    def "heading #heading.inspect() #starts the Scope section"() {
        expect:
        ContractParser.parse(FILE, "${heading}\n- src/\n").scope() == (starts == 'starts' ? ['src/'] : [])

        where:
        heading          || starts
        '## Scope'       || 'starts'
        '##  Scope'      || 'starts'
        '##\tScope'      || 'starts'
        '## \t Scope'    || 'starts'
        '## Scope '      || 'does not start'
        '## Scope\t'     || 'does not start'
        '## Scope\r'     || 'does not start'
        '##Scope'        || 'does not start'
        ' ## Scope'      || 'does not start'
        '### Scope'      || 'does not start'
        '## scope'       || 'does not start'
        '## Scope:'      || 'does not start'
        '## Scope items' || 'does not start'
    }

    def "a section ends at the next line #line.inspect(): #ends"() {
        expect:
        ContractParser.parse(FILE, "## Scope\n- a\n${line}\n- b\n").scope() == expected

        where:
        line            || ends  | expected
        '## Context'    || true  | ['a']
        '##\tContext'   || true  | ['a']
        '## '           || true  | ['a']
        '##'            || false | ['a', 'b']     // no whitespace after ##: an ordinary line, dropped as '#'-led
        '### Sub'       || false | ['a', 'b']
        '# Title'       || false | ['a', 'b']
        '## Scope '     || true  | ['a']          // not Scope again, but a heading all the same
        '## Scope'      || false | ['a', 'b']     // Scope again: items go on
    }

    def "Verification line #line.inspect() is #expected.inspect()"() {
        expect:
        ContractParser.parse(FILE, "## Verification\n${line}\n").verification() == expected

        where:
        line                     || expected
        '- [ ] mvn test'         || ['mvn test']
        '- [x] mvn test'         || ['mvn test']
        '- [X] mvn test'         || ['mvn test']
        '-[ ] mvn test'          || ['mvn test']
        '-   [x]\tmvn test'      || ['mvn test']
        '  - [ ] mvn test'       || ['mvn test']
        '- [ ]   mvn test  '     || ['mvn test']
        '- [ ] `mvn` test'       || ['mvn test']
        '- [ ] # just a comment' || ['# just a comment']
        '- [ ]mvn test'          || []             // no whitespace after the box
        '- [ ]'                  || []
        '- [ ] '                 || []
        '- [y] mvn test'         || []
        '- mvn test'             || []
        '[ ] mvn test'           || []
        '* [ ] mvn test'         || []
        '- [ ] mvn test\r'       || ['mvn test']
    }

    def "front matter: #why"() {
        expect:
        ContractParser.parse(FILE, text).frontMatter() == expected

        where:
        why                                  | text                                           || expected
        'key: value, value trimmed'          | '---\nbase: main  \n---\n'                     || [base: 'main']
        'no space after the colon'           | '---\nbase:main\n---\n'                        || [base: 'main']
        'quotes kept'                        | '---\nbase: "main"\n---\n'                     || [base: '"main"']
        'the first value wins'               | '---\nbase: a\nbase: b\n---\n'                 || [base: 'a']
        'lines without a colon are passed'   | '---\njust words\nbase: a\n---\n'              || [base: 'a']
        'an unclosed block runs to the end'  | '---\nbase: a\n## Scope\n- x\nkey: v\n'        || [base: 'a', key: 'v']
        'it starts at the first --- line'    | 'intro\n---\nbase: a\n---\n'                   || [base: 'a']
        'only an exact --- opens it'         | '--- \nbase: a\n---\n'                         || [:]
        'a CRLF fence is no fence'           | '---\r\nbase: a\r\n---\r\n'                    || [:]
        'an indented key is another key'     | '---\n base: a\n---\n'                         || [' base': 'a']
    }

    def "without front matter there are still sections, and the whole file is read for them"() {
        expect:
        ContractParser.parse(FILE, '## Scope\n- a\n').scope() == ['a']
        ContractParser.parse(FILE, '---\n## Scope\n- a\n---\n').scope() == ['a', '--']   // one dash removed
        !ContractParser.parse(FILE, '---\ntask_id: x\n---\n').base().isPresent()
    }

    def "pattern '#item' matches '#path': #expected"() {
        expect:
        PathPattern.compile(item).matches(path) == expected

        where:
        item        | path           || expected
        'src//'     | 'src/x'        || false        // ${p%/} drops one slash: src/ and src//x never appear
        'src//'     | 'src'          || false
        'src/'      | 'src/x'        || true
        'src'       | 'src2'         || false
        '/'         | 'x'            || false
        'a+(b)*'    | 'a+(b)c'       || false        // bash patterns: +(b) is one or more b
        'a+(b)*'    | 'abbc'         || true
        '*.@(ts|js)'| 'src/a.js'     || true
        '*.@(ts|js)'| 'src/a.jsx'    || false
        '*!(x).md'  | 'x.md'         || true
        'src/!(gen)/*' | 'src/gen/a' || false
        'src/!(gen)/*' | 'src/lib/a' || true
        'src/[[:digit:]]*' | 'src/1a' || true
        'src/[[:digit:]]*' | 'src/a1' || false
        '*\\*'      | 'a*'           || true
        '*\\*'      | 'ab'           || false
        '[]]*'      | ']x'           || true
        'a[*'       | 'a[bc'         || true         // an unterminated bracket is literal
        '*(a'       | '*(a'          || true         // an unterminated group is literal, its * too
        '*(a'       | 'x(a'          || false
    }

    def "every pattern matches exactly what bash's [[ path == pattern ]] matches"() {
        given:
        def patterns = ['src/*.ts', '*.md', 'src/**', '.env*', 'file?.txt*', 'v[12]*.txt', 'v[!12]*', 'v[^a-c]*',
                        'v[a-c]*', 'a[*', '*[]]', '*\\*', '*.@(ts|js)', '*+(b)', 'a?(x)*', '*!(.md)', '**/test/*',
                        'src/*/index.*', '*[[:upper:]]*', '*[[:space:]]*', 'x*(a|b)y*', '*(a', '*@(b', '[!]]*',
                        'pkg*/[0-9]*', '*.[ch]', '*.\\[ch]', '@(src|lib)/*', '*/+([0-9]).txt', 'a*b*c*d*e*f*g']
        def paths = ['src/a.ts', 'src/a/b.ts', 'README.md', 'docs/x/y.md', '.env', '.env.local', 'a/.env', 'file1.txt',
                     'v1.txt', 'v3.txt', 'vb', 'vd', 'a[bc', 'x]', 'a*', 'a.js', 'abb', 'ax', 'a', 'x.md', 'x.txt',
                     'a/test/b', 'test/b', 'src/m/index.js', 'aBc', 'a b', 'xaby', 'xy', '*(a', 'a@(b', ']x', 'pkg1/2x',
                     'm.c', 'm.h', 'm.[ch]', 'lib/x', 'd/123.txt', 'd/12a.txt', 'abcdefg', 'aXbXcXdXeXfXg', 'src/gen/a']
        def pairs = [patterns, paths].combinations()
        def bash = new ProcessBuilder('bash', '-c',
                'while IFS= read -r p && IFS= read -r f; do if [[ $f == $p ]]; then echo 1; else echo 0; fi; done')
                .redirectErrorStream(true).start()
        bash.outputStream.withWriter('UTF-8') { w -> pairs.each { p, f -> w << p << '\n' << f << '\n' } }
        def answers = bash.inputStream.getText('UTF-8').readLines()

        expect:
        bash.waitFor() == 0
        answers.size() == pairs.size()
        def differ = []
        pairs.eachWithIndex { pair, i ->
            if (PathPattern.compile(pair[0]).matches(pair[1]) != (answers[i] == '1')) {
                differ << "${pair[0]} ~ ${pair[1]}: bash says ${answers[i] == '1'}"
            }
        }
        differ == []
    }
}
