package dev.wtcraft.task

import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files

class VerifySpec extends WtcraftSpecification {

    def "every command runs in order even after one fails, with bash -lc in the worktree root"() {
        given:
        def wt = newTask('feat/v', ['--verify', 'echo one >> order.log', '--verify', 'exit 7',
                                    '--verify', 'echo three >> order.log; test "$PWD" = "$(git rev-parse --show-toplevel)"'])

        when:
        def run = wtcraft('verify', 'feat/v')

        then:
        run.exitCode == 3
        Files.readString(wt.resolve('order.log')) == 'one\nthree\n'
        run.out.readLines().findAll { it.startsWith('[') }.collect { it.take(6) } == ['[pass]', '[FAIL]', '[pass]']
        run.out.contains('exit 7')
        run.out.readLines().last() == '2 passed, 1 failed of 3'
    }

    def "--json prints exactly one document on stdout; the commands' output goes to stderr"() {
        given:
        newTask('feat/j', ['--verify', 'echo to-stdout; echo to-stderr >&2', '--verify', 'false'])

        when:
        def run = wtcraft('verify', '--json', 'feat/j')

        then:
        run.exitCode == 3
        !run.out.readLines().contains('to-stdout')
        run.err.contains('to-stdout')
        run.err.contains('to-stderr')
        run.json.ok == true
        run.json.result == 'fail'
        run.json.exit_code == 3
        run.json.verify_result == 'fail'
        run.json.results.collect { [it.index, it.command, it.status, it.exit_code] } == [
                [1, 'echo to-stdout; echo to-stderr >&2', 'pass', 0], [2, 'false', 'fail', 1]]
        run.json.results.every { it.duration_seconds instanceof Number }
        run.json.summary == [total: 2, passed: 1, failed: 1]
        run.json.keySet().toList().take(5) == ['protocol_version', 'command', 'ok', 'result', 'exit_code']
    }

    def "verify records its result, timestamp and snapshot in the state file"() {
        given:
        def wt = newTask('feat/rec', ['--verify', 'true'])

        when:
        def run = wtcraft('verify', '--json', 'feat/rec')
        def state = new JsonSlurper().parse(wt.resolve('.worktree-state.json').toFile())

        then:
        run.exitCode == 0
        state.verify_result == 'pass'
        state.verified == run.json.verified
        state.verified ==~ /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/
        state.verify_snapshot == run.json.snapshot
    }

    def "a contract without verification commands is fatal"() {
        given:
        def wt = newTask('feat/none', ['--verify', 'git diff --check'])
        def task = editContract(wt, '- [ ] git diff --check', '- git diff --check')

        when:
        def run = wtcraft('verify', '--json', 'feat/none')

        then:
        run.exitCode == 1
        run.json.error.message == "no verification commands found in ${task}".toString()
    }
}
