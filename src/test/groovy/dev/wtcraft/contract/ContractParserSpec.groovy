package dev.wtcraft.contract

import dev.wtcraft.WtcraftException
import spock.lang.Specification

import java.nio.file.Path

class ContractParserSpec extends Specification {
    static final Path FILE = Path.of('/r/worktrees/feat/x/.worktree-task.md')

    def "sections, items and verification commands are read as the original tool reads them"() {
        given:
        def text = '''---
task_id: feat/x
base: "main"
state_file: .worktree-state.json
---
## Objective
Do it.
##   Scope
- `src/auth/`
- src/*.ts   
# a comment, not an item

lib
### a sub-heading does not end the section
- tests/
## Off-limits
- package.json
- `.env*`
## Context
- not/a/scope/item
## Verification
- [ ] `mvn -q test`
- [x] git diff --check
- plain line, not a command
- [X] echo upper
'''
        when:
        def c = ContractParser.parse(FILE, text)

        then:
        c.frontMatter() == [task_id: 'feat/x', base: '"main"', state_file: '.worktree-state.json']
        c.scope() == ['src/auth/', 'src/*.ts', 'lib', 'tests/']
        c.offLimits() == ['package.json', '.env*']
        c.verification() == ['mvn -q test', 'git diff --check', 'echo upper']
    }

    def "a contract without front matter still has sections"() {
        expect:
        ContractParser.parse(FILE, '## Scope\n- a\n').scope() == ['a']
    }

    def "a state_file other than .worktree-state.json is unsupported"() {
        when:
        ContractParser.parse(FILE, '---\nstate_file: other.json\n---\n')

        then:
        def e = thrown(WtcraftException)
        e.message.startsWith("unsupported state_file 'other.json'")
        e instanceof TaskFileException
    }

    def "the spec digest covers scope, off-limits and verification, and nothing else"() {
        given:
        def a = ContractParser.parse(FILE, '---\nbase: main\n---\n## Scope\n- a\n## Context\nx\n## Verification\n- [ ] t\n')
        def sameSpec = ContractParser.parse(FILE, '---\nbase: dev\n---\n## Scope\n- a\n## Context\ny\n## Verification\n- [x] t\n')
        def otherScope = ContractParser.parse(FILE, '---\nbase: main\n---\n## Scope\n- b\n## Verification\n- [ ] t\n')
        def moved = ContractParser.parse(FILE, '---\nbase: main\n---\n## Off-limits\n- a\n## Verification\n- [ ] t\n')

        expect:
        SpecDigest.of(a) == SpecDigest.of(sameSpec)
        SpecDigest.of(a) != SpecDigest.of(otherScope)
        SpecDigest.of(a) != SpecDigest.of(moved)
    }
}
