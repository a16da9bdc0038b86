package dev.wtcraft.report

import dev.wtcraft.git.TreeDiff
import dev.wtcraft.ledger.DiffRecord
import dev.wtcraft.ledger.RunRecord
import dev.wtcraft.ledger.TaskOutcome
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

    def "the report opens on a summary sortable without scripts, each task's diff collapsed, violations marked, a policy refusal named"() {
        given:
        repo.write('package.json', '{"name":"x"}\n')
        repo.write('wtcraft.groovy', '''\
            engines {
                shell 'writer', 'mkdir -p src && seq 1 5 > src/a.txt'
                shell 'stray', 'mkdir -p src && echo "<b>" > src/c.txt && echo "{}" > package.json'
            }
            task('feat/a') { engine 'writer'; scope 'src/'; verify { run 'test -s src/a.txt' } }
            task('feat/c') { engine 'stray'; scope 'src/'; offLimits 'package.json' }
            task('feat/pushy') {
                engine 'writer'; scope 'src/'
                policy { deny 'git push*' }
                verify { run 'git push origin main' }
            }
            '''.stripIndent())
        repo.commit('recipe')
        String runId = wtcraft('run', '--json').json.run_id
        assert wtcraft('report', '--html').exitCode == 0
        String html = Files.readString(repo.root.resolve(".wtcraft/runs/${runId}/report.html"))
        def orderings = (html =~ /<table class="summary sorted( plan-order)?" id="([a-z-]+)"/).collect { it[2] }
        def rows = { String id ->
            String table = html.substring(html.indexOf("id=\"${id}\""), html.indexOf('</table>', html.indexOf("id=\"${id}\"")))
            (table =~ /<tr data-task="([^"]+)">/).collect { it[1] }
        }

        expect:
        !(html =~ /(?i)<script|<link|@import|url\((?!#)|src=|https?:/)
        html.indexOf('id="summary"') < html.indexOf('id="graph"')              // the summary comes first
        orderings == ['summary-by-task', 'summary-by-outcome', 'summary-by-engine', 'summary-by-changes', 'summary-by-verify',
                      'summary-by-review', 'summary-by-time', 'summary-by-tokens', 'summary-by-cost', 'summary-in-plan-order']
        html.contains('table.sorted{display:none}table.sorted:target{display:table}table.sorted.plan-order{display:table}')
        html.contains('table.sorted:target~table.sorted.plan-order{display:none}')
        html.contains('<th aria-sort="descending"><a href="#summary-by-changes">changes ▼</a></th>')
        rows('summary-in-plan-order') == ['feat/a', 'feat/c', 'feat/pushy']
        rows('summary-by-changes') == ['feat/a', 'feat/pushy', 'feat/c']          // 5 + 5 lines, then 3
        rows('summary-by-outcome') == ['feat/a', 'feat/c', 'feat/pushy']           // passed, scope_violation, verify_failed
        html.contains('<td class="changes"><span class="add">+2</span> <span class="del">-1</span> <span class="violation-mark" title="files that broke the contract">1 ✗</span></td>')
        html.contains('<details class="diff" data-task="feat/c"><summary>2 files, <span class="add">+2</span> <span class="del">-1</span>, '
                + '<span class="violation-mark">1 file breaks the contract</span> against <code>main</code></summary>')
        html.contains('<div class="file violation" data-path="package.json"><div class="file-header"><code>package.json</code> '
                + '<span class="status">modified</span> <span class="add">+1</span> <span class="del">-1</span> '
                + '<span class="violation-mark">violation: scope, off_limits</span></div>')
        html.contains('<div class="file" data-path="src/c.txt">')
        html.contains('<span class="add">+&lt;b&gt;</span>')                   // the patch, escaped, no language syntax
        html.contains('<td>refused by policy: deny git push*</td>')            // in the summary's verify column
        html.contains('<td><code>git push origin main</code></td><td>refused by policy: deny git push*</td>')
        html.contains('<p class="reason">verification failed: &#39;git push origin main&#39; refused by policy: deny git push*</p>')
        !html.contains('exit 126')
        (html =~ /<text class="tick" data-ms="\d+"/).size() >= 3               // labelled ticks, not just 0 and the end
        html.contains('<section id="spend">')
        html.contains('<tr data-engine="writer"><td>writer</td><td class="num">2</td>')
        html.contains('<tr data-engine="stray"><td>stray</td><td class="num">1</td>')
    }

    def "the page shows the first 256 KiB of a task's patch, and says where the rest is"() {
        given:
        String small = 'diff --git a/a.txt b/a.txt\n@@ -0,0 +1 @@\n+a'
        String big = 'diff --git a/b.txt b/b.txt\n@@ -0,0 +1,70000 @@\n' + (1..70000).collect { "+line ${it}" }.join('\n')
        def file = { String p, int n -> new DiffRecord.File(p, TreeDiff.Status.ADDED, n, 0, false, []) }
        def diff = new DiffRecord(1, 'main', 'a', 'b', 3, 70002, 0, 999, false, 1048576,
                [file('a.txt', 1), file('b.txt', 70000), file('c.txt', 1)])
        def entry = new RunRecord.Task(TaskOutcome.PASSED, 1, null, null, [:], null, null)
        def task = new RunData.Task('feat/x', entry, null, [], [], diff, small + '\n' + big + '\n' + small.replace('a.txt', 'c.txt') + '\n',
                [:], null, [], null, null, tmp)

        when:
        String html = DiffView.render(task)

        then:
        html.contains('<div class="file" data-path="a.txt">')
        html.contains('<span class="add">+a</span>')
        !html.contains('+line 1<')
        html.count("Not shown on this page, which shows 256 KiB of a task's patch: read diff.patch in the ledger.") == 2
    }

    def "the timeline's ticks fall on round steps with readable labels"() {
        expect:
        Timeline.ticks(millis).collect { Timeline.label(it) } == labels

        where:
        millis    | labels
        900       | ['0s', '0.2s', '0.4s', '0.6s', '0.8s']
        7_300     | ['0s', '1s', '2s', '3s', '4s', '5s', '6s', '7s']
        95_000    | ['0s', '15s', '30s', '45s', '1m', '1m15s', '1m30s']
        3_700_000 | ['0s', '10m', '20m', '30m', '40m', '50m', '1h']
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

    /** Two runs of a one-step recipe: [first id, second id]. */
    List<String> twoRuns() {
        repo.write('wtcraft.groovy', '''\
            engines { shell 'writer', 'mkdir -p src && echo "$WTCRAFT_TASK" > src/$(basename $WTCRAFT_TASK).txt' }
            task('feat/a') { engine 'writer'; scope 'src/'; verify { run 'test -s src/a.txt' } }
            task('feat/b') { engine 'writer'; scope 'src/'; verify { run 'test -s src/b.txt' } }
            '''.stripIndent())
        repo.commit('recipe')
        def first = wtcraft('run', '--task', 'feat/a', '--json')
        def second = wtcraft('run', '--task', 'feat/b', '--json')
        assert first.exitCode == 0 && second.exitCode == 0: first.toString() + second
        [first.json.run_id, second.json.run_id]
    }

    def "report --html RUN and --junit RUN report that run into its default files; a path is still a file"() {
        given:
        def (String first, String second) = twoRuns()

        when:
        def html = wtcraft('report', '--html', first)
        def junit = wtcraft('report', '--junit', first.substring(0, first.length() - 2))
        def both = wtcraft('report', '--html', 'last', '--junit', 'last')
        def file = wtcraft('report', first, '--html=out/r.html')
        def dotted = wtcraft('report', "--html=./${second}")

        then:
        html.exitCode == 0
        html.out.trim() == "wrote .wtcraft/runs/${first}/report.html"
        Files.readString(repo.root.resolve(".wtcraft/runs/${first}/report.html")).contains('feat/a')
        junit.exitCode == 0
        junit.out.trim() == "wrote .wtcraft/runs/${first}/junit.xml"
        new groovy.xml.XmlSlurper().parse(repo.root.resolve(".wtcraft/runs/${first}/junit.xml").toFile())
                .testsuite.@name == "wtcraft.${first}"
        both.exitCode == 0
        both.out.readLines() == ["wrote .wtcraft/runs/${second}/report.html", "wrote .wtcraft/runs/${second}/junit.xml"]
        !Files.exists(repo.root.resolve(first))
        !Files.exists(repo.root.resolve('last'))
        file.exitCode == 0
        Files.readString(repo.root.resolve('out/r.html')).contains("${first}")
        dotted.exitCode == 0
        dotted.out.trim() == "wrote ${second}"
        Files.readString(repo.root.resolve(second)).contains("${second}")
    }

    def "a report option's value that could be a run or a file is refused in one line"() {
        given:
        def (String first, String second) = twoRuns()
        repo.write(first, 'not a report\n')

        when:
        def fileThere = wtcraft('report', '--html', first)
        def runGiven = wtcraft('report', second, '--junit', first)
        def twoNamed = wtcraft('report', '--html', first, '--junit', second)

        then:
        fileThere.exitCode == 1
        fileThere.err.trim() == "wtcraft report: '--html ${first}' names a run, but a file '${first}' exists here: " +
                "write 'wtcraft report ${first} --html' for that run's report, or '--html ./${first}' for a file"
        Files.readString(repo.root.resolve(first)) == 'not a report\n'
        runGiven.exitCode == 1
        runGiven.err.trim().startsWith("wtcraft report: '--junit ${first}' names a run, but a RUN (${second}) is given too: ")
        twoNamed.exitCode == 1
        twoNamed.err.readLines().size() == 1
        !Files.exists(repo.root.resolve(".wtcraft/runs/${first}/report.html"))
    }

    def "JUnit XML and GitHub annotations name a step the policy refused as the HTML report does"() {
        given:
        repo.write('wtcraft.groovy', '''\
            engines { shell 'writer', 'mkdir -p src && seq 1 5 > src/a.txt' }
            task('feat/pushy') {
                engine 'writer'; scope 'src/'
                policy { deny 'git push*' }
                verify { run 'git push origin main' }
            }
            '''.stripIndent())
        repo.commit('recipe')
        assert wtcraft('run', '--json').exitCode == 3

        when:
        def junit = wtcraft('report', '--junit', 'junit.xml')
        def xml = new groovy.xml.XmlSlurper().parse(repo.root.resolve('junit.xml').toFile())
        def github = wtcraft('report', '--github')

        then:
        junit.exitCode == 0
        xml.testsuite.testcase.find { it.@name == 'feat/pushy verify 1: git push origin main' }.failure.@message ==
                "'git push origin main' refused by policy: deny git push*"
        xml.testsuite.testcase.find { it.@name == 'feat/pushy' }.failure.@message ==
                "verification failed: 'git push origin main' refused by policy: deny git push*"
        !Files.readString(repo.root.resolve('junit.xml')).contains('126')
        github.exitCode == 0
        github.out.readLines()[0].startsWith("::error title=wtcraft verification failed (feat/pushy)::" +
                "'git push origin main' refused by policy: deny git push*; output in ")
        !github.out.contains('126')
    }
}
