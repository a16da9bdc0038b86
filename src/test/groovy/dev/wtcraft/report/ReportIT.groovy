package dev.wtcraft.report

import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import spock.lang.Requires

import javax.imageio.ImageIO
import javax.xml.XMLConstants
import javax.xml.transform.stream.StreamSource
import javax.xml.validation.SchemaFactory
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * The HTML report opened in real headless Chromium through ChromeDriver (Debian's chromium and chromium-driver,
 * which .ci/run installs): the page's content is read from the DOM, a screenshot is taken and looked at, and the
 * page is shown to load nothing from anywhere. The JUnit XML is validated against the Jenkins JUnit schema that
 * .ci/install-test-tools takes from the npm registry.
 */
class ReportIT extends WtcraftSpecification {
    static final Path TOOLS = Path.of(System.getenv('WTCRAFT_TEST_CLIS') ?: "${System.getProperty('user.home')}/.cache/wtcraft-test-clis")
    static final Path XSD = TOOLS.resolve('junit-schema/jenkins-junit.xsd')
    static final String CHROMIUM = '/usr/bin/chromium'
    static final String CHROMEDRIVER = '/usr/bin/chromedriver'
    static final JsonSlurper JSON = new JsonSlurper()

    static boolean required() {
        System.getenv('CI') || System.getenv('WTCRAFT_REQUIRE_TOOLS')
    }

    @Requires({ required() || (Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER))) })
    def "the HTML report of a passing, a failing and an out-of-scope task renders in headless Chromium"() {
        given:
        String runId = ReportSpec.threeOutcomes(this)
        assert wtcraft('report', '--html').exitCode == 0
        Path page = repo.root.resolve(".wtcraft/runs/${runId}/report.html")
        Path shot = Path.of('target/report-screenshot.png').toAbsolutePath()
        Files.deleteIfExists(shot)

        when:
        Map seen
        def browser = new Browser(tmp.resolve('chromium-profile'))
        try {
            browser.open(page.toUri().toString())
            seen = browser.script('''
                const q = s => Array.from(document.querySelectorAll(s));
                return {
                  title: document.title,
                  runId: document.getElementById('run-id').textContent,
                  tasks: q('article.task').map(a => [a.dataset.task, a.dataset.outcome]),
                  nodes: q('svg.graph g.node').map(g => g.dataset.task),
                  edges: q('svg.graph path.edge').map(e => e.dataset.from + ' -> ' + e.dataset.to),
                  phases: q('svg.timeline rect.phase').length,
                  violations: q('#task-feat-c tr.violation td:first-child').map(td => td.textContent),
                  failedSteps: q('#task-feat-b tr.step-fail code').map(c => c.textContent),
                  verdict: document.querySelector('#task-feat-a .verdict').textContent,
                  ledgerLinks: q('#task-feat-a ul.ledger a').map(a => a.getAttribute('href')),
                  requests: performance.getEntriesByType('resource').length,
                  scripts: document.scripts.length,
                  graphWidth: document.querySelector('svg.graph').getBoundingClientRect().width
                };''')
            browser.screenshot(shot)
        } finally {
            browser.close()
        }
        def image = ImageIO.read(shot.toFile())
        Set<Integer> colors = [] as Set
        for (int x = 0; x < image.width; x += 3) {
            for (int y = 0; y < Math.min(image.height, 700); y += 3) {
                colors << (image.getRGB(x, y) & 0xffffff)
            }
        }

        then:
        seen.title == "wtcraft run ${runId}"
        seen.runId == runId
        seen.tasks == [['feat/a', 'passed'], ['feat/b', 'verify_failed'], ['feat/c', 'scope_violation']]
        seen.nodes == ['feat/a', 'feat/b', 'feat/c']
        seen.edges == ['feat/a -> feat/b']
        seen.phases >= 6                      // engine and gates for each task, and feat/a's review
        seen.violations == ['package.json']
        seen.failedSteps == ['echo failing on purpose; exit 3']
        seen.verdict == 'approve by reviewer: tidy <and> small'
        seen.ledgerLinks.contains('tasks/feat/a/events.jsonl')
        seen.requests == 0                    // self-contained: the page fetched nothing
        seen.scripts == 0
        seen.graphWidth > 300
        image.width == 1280
        // the graph's nodes are drawn in their outcome colours: passed, verify_failed, scope_violation
        [0x1a7f37, 0xbc4c00, 0xcf222e].every { colors.contains(it) }
    }

    /** The twenty tasks' names, of several lengths (a writer writes three lines per character of its name). */
    static final List<String> TWENTY = (1..20).collect { int i ->
        "feat/t${String.format('%02d', i)}-" + ['api', 'cli', 'docs', 'ledger', 'report'][i % 5] + ('x' * (i % 4))
    }

    /** Twenty tasks: writers of several sizes, strays, failing and policy-refused checks, a chain, two replays that spend. */
    static String twentyTasks(WtcraftSpecification spec) {
        Files.createDirectories(spec.repo.root.resolve('recordings'))
        Files.copy(Path.of('src/test/resources/engines/claude_full.jsonl'), spec.repo.root.resolve('recordings/claude.jsonl'))
        spec.repo.write('package.json', '{"name":"x"}\n')
        StringBuilder r = new StringBuilder('''\
            engines {
                shell 'writer', 'mkdir -p src/$(basename $WTCRAFT_TASK) && seq 1 $(( ${#WTCRAFT_TASK} * 3 )) > src/$(basename $WTCRAFT_TASK)/lines.txt'
                shell 'stray', 'mkdir -p src && echo "{\\"stray\\":1}" > package.json && echo x > src/$(basename $WTCRAFT_TASK).txt'
                replay 'recorded', 'recordings/claude.jsonl', as: 'claude'
            }
            '''.stripIndent())
        (1..20).each { int i ->
            String name = TWENTY[i - 1]
            String body
            if (i == 5) {
                body = "engine 'writer'; scope 'src/'; policy { deny 'git push*' }; verify { run 'git push origin main' }"
            } else if (i % 7 == 3) {
                body = "engine 'stray'; scope 'src/'; offLimits 'package.json'"
            } else if (i % 9 == 4) {
                body = "engine 'writer'; scope 'src/'; verify { run 'echo broken; exit 2' }"
            } else if (i % 8 == 6) {
                body = "engine 'recorded'; scope 'src/'"
            } else {
                body = "engine 'writer'; scope 'src/'; verify { run 'true' }" + (i in [12, 13] ? "; dependsOn '${TWENTY[10]}'" : '')
            }
            r.append("task('${name}') { ${body} }\n")
        }
        spec.repo.write('wtcraft.groovy', r.toString())
        spec.repo.commit('twenty tasks')
        def run = spec.wtcraft('run', '--json', '--jobs', '4')
        assert run.json.tasks.size() == 20: run.toString()
        run.json.run_id
    }

    @Requires({ required() || (Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER))) })
    def "a 20-task run's report in headless Chromium: the summary sorts by CSS, every task's diff opens, the axis has labelled ticks"() {
        given:
        String runId = twentyTasks(this)
        assert wtcraft('report', '--html').exitCode == 0
        Path page = repo.root.resolve(".wtcraft/runs/${runId}/report.html")
        Path shot = Path.of('target/report-20-tasks.png').toAbsolutePath()
        Files.deleteIfExists(shot)
        String visible = '''
            const q = s => Array.from(document.querySelectorAll(s));
            const shown = q('table.summary').filter(t => getComputedStyle(t).display !== 'none');
            return {
              shown: shown.map(t => t.id),
              rows: shown.length ? Array.from(shown[0].querySelectorAll('tbody tr')).map(r => r.dataset.task) : [],
              scripts: document.scripts.length,
              requests: performance.getEntriesByType('resource').length
            };'''

        when:
        Map plan = null
        Map byChanges = null
        Map diffs = null
        Map ticks = null
        def browser = new Browser(tmp.resolve('chromium-profile'))
        try {
            browser.open(page.toUri().toString())
            plan = browser.script(visible)
            browser.script("document.querySelector('#summary-in-plan-order th a[href=\"#summary-by-changes\"]').click(); return 1")
            byChanges = browser.script(visible)
            diffs = browser.script('''
                const q = s => Array.from(document.querySelectorAll(s));
                const stray = document.querySelector('details.diff[data-task="' + arguments[0] + '"]');
                const closedHeight = stray.getBoundingClientRect().height;
                stray.open = true;
                const header = stray.querySelector('.file.violation .file-header');
                return {
                  details: q('details.diff').map(d => d.dataset.task),
                  closedAtFirst: q('details.diff').filter(d => d !== stray && !d.open).length,
                  grows: stray.getBoundingClientRect().height > closedHeight,
                  violationHeader: header ? header.textContent : null,
                  violationShown: header ? header.getBoundingClientRect().height > 0 : false,
                  patchLines: q('details.diff[data-task="' + arguments[1] + '"] pre.patch span.add').length,
                  refused: q('#' + arguments[2] + ' tr.step-fail td').map(td => td.textContent)
                };''', [TWENTY[2], TWENTY[0], HtmlReport.anchor(TWENTY[4])])
            browser.open(page.toUri().toString() + '#timeline')
            ticks = browser.script('''
                const q = s => Array.from(document.querySelectorAll(s));
                return {
                  labels: q('svg.timeline text.tick').map(t => t.textContent),
                  xs: q('svg.timeline text.tick').map(t => t.getBoundingClientRect().left),
                  rows: q('svg.timeline text.name').length
                };''')
            browser.screenshot(shot.resolveSibling('report-20-tasks-timeline.png'))
            browser.open(page.toUri().toString() + '#' + HtmlReport.anchor(TWENTY[2]))
            browser.script("document.querySelector('#' + arguments[0] + ' details.diff').open = true; "
                    + "document.querySelector('#' + arguments[0] + ' details.diff').scrollIntoView(); return 1",
                    [HtmlReport.anchor(TWENTY[2])])
            browser.screenshot(shot.resolveSibling('report-20-tasks-diff.png'))
            browser.open(page.toUri().toString())
            browser.screenshot(shot)
        } finally {
            browser.close()
        }
        def image = ImageIO.read(shot.toFile())

        then:
        plan.shown == ['summary-in-plan-order']
        plan.rows.size() == 20
        plan.rows == plan.rows.sort(false)                          // plan order here is the recipe's, t01..t20
        plan.scripts == 0
        plan.requests == 0
        byChanges.shown == ['summary-by-changes']                  // the heading's link switched the table, no script
        byChanges.rows.toSet() == plan.rows.toSet()
        byChanges.rows != plan.rows
        diffs.details.size() == 20
        diffs.closedAtFirst == 19
        diffs.grows
        diffs.violationHeader.contains('package.json') && diffs.violationHeader.contains('violation: scope, off_limits')
        diffs.violationShown
        diffs.patchLines == TWENTY[0].length() * 3        // the lines, and the +++ header is not one of them
        diffs.refused.contains('refused by policy: deny git push*')
        ticks.labels.size() >= 3
        ticks.labels[0] == '0s'
        ticks.labels.every { it ==~ /\d+(\.\d)?s|\d+m(\d+s)?|\d+h(\d+m)?/ }
        ticks.xs == ticks.xs.sort(false) && ticks.xs.toSet().size() == ticks.xs.size()   // left to right, apart
        ticks.rows == 20
        image.width == 1280
        Files.size(shot) > 10_000
    }

    @Requires({ required() || Files.isRegularFile(XSD) })
    def "the JUnit XML validates against the Jenkins JUnit schema"() {
        given:
        ReportSpec.threeOutcomes(this)
        assert wtcraft('report', '--junit', 'junit.xml').exitCode == 0
        def schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(XSD.toFile())

        when:
        schema.newValidator().validate(new StreamSource(repo.root.resolve('junit.xml').toFile()))

        then:
        noExceptionThrown()
    }

    @Requires({ required() || Files.isRegularFile(XSD) })
    def "the schema check can fail: a report with an attribute the schema does not know is refused"() {
        given:
        def schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(XSD.toFile())
        def bad = tmp.resolve('bad.xml')
        Files.writeString(bad, '<testsuites><testsuite name="x" tests="1"><testcase name="t"><skipped message="no"/></testcase></testsuite></testsuites>')

        when:
        schema.newValidator().validate(new StreamSource(bad.toFile()))

        then:
        thrown(org.xml.sax.SAXParseException)
    }

    /** A headless Chromium driven over the W3C WebDriver protocol by ChromeDriver on 127.0.0.1. */
    static class Browser implements Closeable {
        final Process driver
        final int port
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
        String session

        Browser(Path profile) {
            port = new ServerSocket(0).withCloseable { it.localPort }
            driver = new ProcessBuilder(CHROMEDRIVER, "--port=${port}".toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos()
            while (true) {
                try {
                    if (call('GET', '/status', null).value.ready) {
                        break
                    }
                } catch (IOException ignored) {
                    // not listening yet
                }
                if (System.nanoTime() > until) {
                    throw new IllegalStateException('chromedriver did not start')
                }
                Thread.sleep(100)
            }
            def caps = [capabilities: [alwaysMatch: [browserName: 'chrome', 'goog:chromeOptions': [
                    binary: CHROMIUM,
                    args  : ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                             '--disable-background-networking', '--disable-component-update', '--disable-sync',
                             '--disable-dev-shm-usage', "--user-data-dir=${profile}".toString(), '--window-size=1280,1800']]]]]
            session = call('POST', '/session', caps).value.sessionId
        }

        void open(String url) {
            call('POST', "/session/${session}/url", [url: url])
        }

        def script(String body, List args = []) {
            call('POST', "/session/${session}/execute/sync", [script: body, args: args]).value
        }

        void screenshot(Path file) {
            Files.write(file, Base64.decoder.decode(call('GET', "/session/${session}/screenshot", null).value as String))
        }

        Map call(String method, String path, Object body) {
            def b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:${port}${path}")).timeout(Duration.ofSeconds(60))
            b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                    : b.method(method, HttpRequest.BodyPublishers.ofString(JsonOutput.toJson(body))).header('Content-Type', 'application/json')
            def response = http.send(b.build(), HttpResponse.BodyHandlers.ofString())
            Map doc = JSON.parseText(response.body()) as Map
            if (response.statusCode() != 200) {
                throw new IllegalStateException("webdriver ${method} ${path}: ${response.statusCode()} ${doc.value}")
            }
            doc
        }

        @Override
        void close() {
            try {
                if (session) {
                    call('DELETE', "/session/${session}", null)
                }
            } finally {
                driver.destroy()
                driver.waitFor()
            }
        }
    }
}
