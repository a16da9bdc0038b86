package dev.wtcraft.run

import dev.wtcraft.support.WtcraftSpecification

/**
 * A task's identity is every field of the task as it will run: changing any of them after a passing run makes
 * `--resume` run it again, naming what changed; changing nothing leaves it alone.
 */
class ResumeIdentitySpec extends WtcraftSpecification {
    static final String ENGINES = '''\
        engines {
            shell 'writer', 'mkdir -p src && echo hi > src/a.txt'
            shell 'writer2', 'mkdir -p src && echo hi > src/a.txt; true'
            shell 'reviewer', 'echo "VERDICT: APPROVE"'
        }
        '''.stripIndent()

    static final String TASK = '''\
        task('feat/a') {
            engine 'writer'
            prompt 'Write src/a.txt.'
            scope 'src/'
            offLimits 'package.json'
            verify { run 'test -s src/a.txt' }
        }
        '''.stripIndent()

    /** The recipe as the run reads it; committed only before the first run (a commit would move the base too). */
    void recipe(String defaults, String task, boolean commit = false) {
        repo.write('wtcraft.groovy', defaults + ENGINES + task)
        if (commit) {
            repo.commit('recipe')
        }
    }

    def "changing #field after a passing run makes --resume run the task again, naming it"() {
        given:
        recipe('', TASK, true)
        assert wtcraft('run').exitCode == 0

        when:
        recipe(defaults, TASK.replace(from, to))
        def explain = wtcraft('run', '--resume', '--explain')
        def resumed = wtcraft('run', '--resume')

        then:
        explain.exitCode == 0
        explain.out.readLines() == ["feat/a: will run again (changed: ${changed})".toString()]
        resumed.exitCode == 0
        resumed.out.contains("[feat/a] will run again (changed: ${changed})")
        resumed.out.contains('[feat/a] engine writer')  || resumed.out.contains('[feat/a] engine writer2')

        where:
        field            | defaults                                   | from                        | to                                                  | changed
        'scope'          | ''                                         | "scope 'src/'"              | "scope 'src/', 'lib/'"                              | 'scope'
        'off-limits'     | ''                                         | "offLimits 'package.json'"  | "offLimits 'package.json', '.env'"                  | 'off_limits'
        'the prompt'     | ''                                         | 'Write src/a.txt.'          | 'Write src/a.txt, carefully.'                       | 'prompt'
        'verification'   | ''                                         | "run 'test -s src/a.txt'"   | "run 'test -s src/a.txt', timeout: '1m'"            | 'verify'
        'the engine'     | ''                                         | "engine 'writer'"           | "engine 'writer2'"                                  | 'engine'
        'the timeout'    | ''                                         | "scope 'src/'"              | "scope 'src/'; timeout '5m'"                        | 'timeout'
        'attempts'       | ''                                         | "scope 'src/'"              | "scope 'src/'; attempts 2"                          | 'attempts'
        'the budget'     | ''                                         | "scope 'src/'"              | "scope 'src/'; budget tokens: 1000"                 | 'budget'
        'the group'      | ''                                         | "scope 'src/'"              | "scope 'src/'; group 'g'"                           | 'group'
        'the policy'     | ''                                         | "scope 'src/'"              | "scope 'src/'; policy { deny 'git push*' }"         | 'policy'
        'the sandbox'    | ''                                         | "scope 'src/'"              | "scope 'src/'; sandbox { required false }"          | 'sandbox'
        'the environment'| ''                                         | "scope 'src/'"              | "scope 'src/'; environment { pass 'PATH', 'HOME' }" | 'environment'
        'the review'     | ''                                         | "scope 'src/'"              | "scope 'src/'; review { engine 'reviewer' }"        | 'review, reviewer'
        'the setup'      | ''                                         | "scope 'src/'"              | "scope 'src/'; setup { run 'true' }"                | 'setup'
        'a default'      | "wtcraft { policy { deny 'rm -rf*' } }\n" | 'x'                         | 'x'                                                 | 'policy'
        'a default setup'| "wtcraft { setup { run 'true' } }\n"      | 'x'                         | 'x'                                                 | 'setup'
    }

    def "changing an engine's own settings runs its tasks again"() {
        given:
        recipe('', TASK, true)
        assert wtcraft('run').exitCode == 0

        when:
        repo.write('wtcraft.groovy', ENGINES.replace("echo hi > src/a.txt'", "echo hi > src/a.txt; echo done'") + TASK)
        def explain = wtcraft('run', '--resume', '--explain')

        then:
        explain.out.readLines() == ['feat/a: will run again (changed: engine)']
    }

    def "changing nothing (or only where the task is written) leaves a passed task alone"() {
        given:
        recipe('', TASK, true)
        assert wtcraft('run').exitCode == 0

        when: 'the task moves down the file: its lines change, not the task'
        recipe('', '\n\n// a comment\n' + TASK)
        def explain = wtcraft('run', '--resume', '--explain')
        def resumed = wtcraft('run', '--resume')

        then:
        explain.out.readLines() == ['feat/a: passed before and unchanged: not run again']
        resumed.exitCode == 0
        resumed.out.contains('[feat/a] passed before and unchanged: not run again')
        !resumed.out.contains('[feat/a] engine')
    }

    def "a dependent runs again when what it depends on does, and --explain needs --resume"() {
        given:
        recipe('', TASK + '''\
            task('feat/b') { dependsOn 'feat/a'; engine 'writer'; scope 'src/' }
            '''.stripIndent(), true)
        assert wtcraft('run').exitCode == 0

        when:
        recipe('', TASK.replace("scope 'src/'", "scope 'src/', 'x/'") + '''\
            task('feat/b') { dependsOn 'feat/a'; engine 'writer'; scope 'src/' }
            '''.stripIndent())
        def explain = wtcraft('run', '--resume', '--explain')
        def alone = wtcraft('run', '--explain')

        then:
        explain.out.readLines() == ['feat/a: will run again (changed: scope)',
                                    'feat/b: will run again (changed: after feat/a)']
        alone.exitCode == 1
        alone.err.trim() == 'wtcraft run: --explain says why --resume would run each task again: give --resume too'
    }
}
