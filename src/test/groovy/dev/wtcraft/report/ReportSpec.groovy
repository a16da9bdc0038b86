package dev.wtcraft.report

import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files
import java.nio.file.Path

/** Reports from a real run with a passing (reviewed), a failing and an out-of-scope task. */
class ReportSpec extends WtcraftSpecification {

    /** The run the report specs (and ReportIT) read: three outcomes, one review, one dependency. */
    static String threeOutcomes(WtcraftSpecification spec) {
        spec.repo.write('wtcraft.groovy', '''\
            engines {
                shell 'writer', 'mkdir -p src && echo "$WTCRAFT_TASK" > src/$(basename $WTCRAFT_TASK).txt'
                shell 'stray', 'mkdir -p src && echo x > src/c.txt && echo "<b>&" > package.json'
                shell 'reviewer', 'echo "VERDICT: APPROVE"; echo "- tidy <and> small"'
            }
            task('feat/a') {
                engine 'writer'; scope 'src/'
                verify { run 'test -s src/a.txt' }
                review { engine 'reviewer' }
            }
            task('feat/b') {
                engine 'writer'; scope 'src/'; dependsOn 'feat/a'
                verify { run 'test -s src/a.txt'; run 'echo failing on purpose; exit 3' }
            }
            task('feat/c') { engine 'stray'; scope 'src/'; offLimits 'package.json' }
            '''.stripIndent())
        spec.repo.commit('recipe')
        def run = spec.wtcraft('run', '--json')
        assert run.exitCode == 2: run.toString()
        run.json.run_id
    }

    def "the HTML report is one self-contained page with every part the run recorded"() {
        given:
        String runId = threeOutcomes(this)

        when:
        def r = wtcraft('report', '--html')
        Path page = repo.root.resolve(".wtcraft/runs/${runId}/report.html")
        String html = Files.readString(page)

        then:
        r.exitCode == 0
        r.out.trim() == "wrote .wtcraft/runs/${runId}/report.html"
        !(html =~ /(?i)<script|<link|@import|url\((?!#)|src=|https?:/)        // nothing to fetch, nothing to run
        html.contains('<svg class="graph"')
        html.contains('data-from="feat/a" data-to="feat/b"')                   // the dependency edge
        html.contains('<svg class="timeline"')
        html.contains('data-task="feat/a" data-phase="review"')
        html.contains('<article class="task outcome-passed" id="task-feat-a"')
        html.contains('data-outcome="verify_failed"')
        html.contains('data-outcome="scope_violation"')
        html.contains('<tr class="violation"><td><code>package.json</code></td><td><span class="kind">scope</span>  '
                + '<span class="kind">off_limits</span> (package.json) </td></tr>')
        html.contains('<tr class="in-scope"><td><code>src/c.txt</code></td><td>ok</td></tr>')
        html.contains('<tr class="step-fail"><td>2</td><td><code>echo failing on purpose; exit 3</code></td><td>fail, exit 3</td>')
        html.contains('<strong>approve</strong> by reviewer: tidy &lt;and&gt; small')
        html.contains('<a href="tasks/feat/a/events.jsonl">events.jsonl</a>')
        Files.exists(page.parent.resolve('tasks/feat/a/events.jsonl'))
    }

    def "JUnit XML has a test case per task and per verification step, failures and errors counted"() {
        given:
        String runId = threeOutcomes(this)

        when:
        def r = wtcraft('report', runId.substring(0, 10), '--junit', 'out/junit.xml')
        def xml = new groovy.xml.XmlSlurper().parse(repo.root.resolve('out/junit.xml').toFile())
        def cases = xml.testsuite.testcase

        then:
        r.exitCode == 0
        xml.name() == 'testsuites'
        xml.testsuite.@tests == '6'            // 3 tasks + 3 steps
        xml.testsuite.@failures == '3'         // feat/b, its step 2, feat/c
        xml.testsuite.@errors == '0'
        cases*.@name*.text() == ['feat/a', 'feat/a verify 1: test -s src/a.txt', 'feat/b', 'feat/b verify 1: test -s src/a.txt',
                                 'feat/b verify 2: echo failing on purpose; exit 3', 'feat/c']
        cases.find { it.@name == 'feat/c' }.failure.@type == 'scope_violation'
        cases.find { it.@name == 'feat/c' }.failure.text().contains('off_limits: Off-limits violation: package.json')
        cases.find { it.@name == 'feat/b verify 2: echo failing on purpose; exit 3' }.failure.@message == "'echo failing on purpose; exit 3' exited 3"
        cases.find { it.@name == 'feat/a' }.failure.size() == 0
    }

    def "GitHub annotations point at the files that broke the contract and at the failed steps"() {
        given:
        threeOutcomes(this)

        when:
        def r = wtcraft('report', '--github')
        def lines = r.out.readLines()

        then:
        r.exitCode == 0
        lines.size() == 3
        lines[0].startsWith("::error title=wtcraft verification failed (feat/b)::'echo failing on purpose; exit 3' exited 3; output in ")
        lines[1] == '::error file=package.json,title=wtcraft scope (feat/c)::Scope violation: package.json [task feat/c]'
        lines[2] == '::error file=package.json,title=wtcraft off_limits (feat/c)::Off-limits violation: package.json (matched package.json) [task feat/c]'
    }

    def "annotation text is escaped the way GitHub reads it"() {
        expect:
        GithubAnnotations.data('50% done\nnext') == '50%25 done%0Anext'
        GithubAnnotations.property('a:b,c') == 'a%3Ab%2Cc'
    }

    def "a report needs a format and a run"() {
        when:
        def noFormat = wtcraft('report')
        def noRun = wtcraft('report', '--html')

        then:
        noFormat.exitCode == 1
        noFormat.err.trim() == 'wtcraft report: choose a report: --html [FILE], --junit [FILE] and/or --github'
        noRun.exitCode == 1
        noRun.err.trim() == "wtcraft report: no runs recorded under ${repo.root.resolve('.wtcraft/runs')} (start one with 'wtcraft run')"
    }
}
