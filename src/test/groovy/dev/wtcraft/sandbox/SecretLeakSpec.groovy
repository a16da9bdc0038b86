package dev.wtcraft.sandbox

import dev.wtcraft.support.AttackReport
import dev.wtcraft.support.WtcraftProcess
import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files
import java.nio.file.Path

/**
 * An engine that prints a declared multi-line secret (a service-account key), as it is and as JSON escapes it, in
 * its output, its verification and its review, and the token shapes of common services; and a recipe that puts the
 * secret in its prompt and its commands. No ledger file, no line wtcraft prints and no plan may carry any of it.
 * The run is a process of its own, so that the recipe reads the secret from its environment as it would.
 * Redaction does not depend on who runs wtcraft, so there is no unprivileged variant.
 */
class SecretLeakSpec extends WtcraftSpecification {
    static final String KEY_LINES = '''\
        {
          "type": "service_account",
          "private_key_id": "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c",
          "client_email": "deployer-7d41@acme-prod.iam.gserviceaccount.com",
          "client_id": "118364020587433151234"
        }'''.stripIndent()

    static final Map<String, String> TOKENS = [
            'gitlab-token'       : 'glpat-Zq8vL2mN4pR6sT8uW0yA',
            'npm-token'          : 'npm_Zq8vL2mN4pR6sT8uW0yA1b3C5d7E9f0G2h4J',
            'slack-token'        : 'xoxe-1-Zq8vL2mN4pR6sT8uW0yA1b3C5d7E9f',
            'azure-storage-key'  : 'AccountKey=Zq8vL2mN4pR6sT8uW0yA1b3C5d7E9f0G2h4JZq8vL2mN4pR6sT8uW0yA1b3C5d7E9f0G2h4JZq8vL2mN4pR6sT8uW==',
            'azure-client-secret': 'Zq88Q~vL2mN4pR6sT8uW0yA1b3C5d7E9f0G2h4J',
            'google-oauth'       : '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',
            'github-token'       : 'ghp_Zq8vL2mN4pR6sT8uW0yA1b3C5d7E9f0G2h4J',
            'aws-secret-key'     : 'aws_secret_access_key=Zq8vL2mN4pR6sT8uW0yA1b3C5d7E9f0G2h4JZq8v',
            'url-password'       : 'https://ci:Zq8vL2mN4pR6sT8u@git.example.com/acme.git',
    ]

    def "a multi-line secret and the common token shapes are in no ledger file, no printed line and no plan"() {
        given:
        Path home = Files.createDirectories(tmp.resolve('home'))
        String tokens = TOKENS.values().collect { "echo 'token: ${it}'" }.join('\n')
        repo.write('leak.sh', '''\
            printf '%s\\n' "$SA_JSON"
            printf '{"escaped":"%s"}\\n' "$(printf '%s' "$SA_JSON" | sed ':a;N;$!ba;s/\\\\/\\\\\\\\/g;s/"/\\\\"/g;s/\\n/\\\\n/g')"
            '''.stripIndent() + tokens + '\n')
        repo.write('verify.sh', '''printf '%s\\n' "$SA_JSON"; echo 'glpat-Zq8vL2mN4pR6sT8uW0yA'; exit 1\n''')
        repo.write('wtcraft.groovy', '''\
            engines { shell 'leaker', 'bash leak.sh' }
            task('feat/leak') {
                engine 'leaker'
                prompt "Deploy with this key: ${System.getenv('SA_JSON')}"
                attempts 2
                environment { secret 'SA_JSON' }
                verify {
                    run 'bash verify.sh'
                    run "echo 'as ${System.getenv('SA_JSON').readLines()[3].trim()}'"
                }
            }
            '''.stripIndent())
        repo.commit('recipe')
        def env = [SA_JSON: KEY_LINES]
        def cli = { String... args -> WtcraftProcess.run(repo.root, home, env, args) }

        when:
        def plan = cli('plan')
        def planJson = cli('plan', '--json')
        def run = cli('run', '--json')
        def review = cli('review', 'feat/leak', '--command', 'printf "%s\\n" "$SA_JSON"; echo VERDICT: APPROVE')
        String printed = [plan, planJson, run, review].collect { it.out + it.err }.join('\n')
        List<Path> files = Files.walk(repo.root.resolve('.wtcraft')).withCloseable { w -> w.filter { Files.isRegularFile(it) }.toList() }
        String ledger = files.collect { new String(Files.readAllBytes(it), 'UTF-8') }.join('\n')
        def secretLines = KEY_LINES.readLines()*.trim().findAll { it.length() >= 4 }
        def report = new AttackReport('secrets printed by an engine, its verification, its review, a prompt and a plan')
        secretLines.each { line ->
            report.record("secret line ${line.take(40)}", !ledger.contains(line) && !printed.contains(line),
                    'redacted: [REDACTED:SA_JSON] everywhere', "found in ${files.findAll { new String(Files.readAllBytes(it), "UTF-8").contains(line) }.collect { repo.root.relativize(it) } ?: 'what wtcraft printed'}")
        }
        report.record('the secret, JSON-escaped', !ledger.contains('deployer-7d41') && !printed.contains('deployer-7d41'), 'redacted', 'found')
        TOKENS.each { name, token ->
            String raw = token.contains('=') ? token.substring(token.indexOf('=') + 1)
                    : token.startsWith('https://') ? token.replaceAll(/^https:\/\/ci:|@.*$/, '') : token
            report.record("${name} token", !ledger.contains(raw) && !printed.contains(raw) && ledger.contains("[REDACTED:${name}]"),
                    "redacted: [REDACTED:${name}]", "found ${raw}")
        }
        report.record('the secret in the recipe\'s prompt', Files.walk(repo.root.resolve('.wtcraft')).withCloseable { w ->
            w.filter { it.fileName.toString() == 'prompt.md' }.toList() }.every { Files.readString(it).contains('[REDACTED:SA_JSON]') },
                'redacted in prompt.md', 'prompt.md has it')
        report.record('the secret in a planned command', plan.out.contains('[REDACTED:SA_JSON]') && !plan.out.contains('acme-prod'),
                'redacted in plan and plan --json', plan.out)

        then:
        report.allStopped()
        plan.exitCode == 0
        run.json.tasks[0].attempts == 2
        files.any { it.fileName.toString() == 'feedback.md' }
    }
}
