package dev.wtcraft.cli

import dev.wtcraft.support.WtcraftSpecification
import picocli.CommandLine

/**
 * Every command explains itself: a summary that is one whole sentence (the command list shows exactly that, so
 * it is never cut mid-sentence), the full description after it, a description for every option and parameter,
 * and `wtcraft help CMD` for every command and subcommand.
 */
class HelpSpec extends WtcraftSpecification {
    /** Every command of the command line, subcommands too, by the words that name it: ['lib', 'list']. */
    static Map<List<String>, CommandLine> commands() {
        Map<List<String>, CommandLine> all = [:]
        Closure walk
        walk = { List<String> path, CommandLine cl ->
            cl.subcommands.each { name, sub ->
                if (sub.commandSpec.name() == name) { // each command once, not once per alias
                    all[path + name] = sub
                    walk(path + name, sub)
                }
            }
        }
        walk([], WtcraftCommand.tree(CommandLine.defaultFactory()))
        all
    }

    /** Starts with a capital, ends with a full stop, and leaves no parenthesis or quote open. */
    static boolean wholeSentence(String s) {
        s != null && s ==~ /[A-Z].*\./ && s.count('(') == s.count(')') && s.count('"') % 2 == 0 &&
                !s.endsWith(':.') && !s.contains('  ')
    }

    def "'#name' has a summary that is a whole sentence, then its description"() {
        given:
        String[] description = command.commandSpec.usageMessage().description()

        expect:
        description.length >= 1
        description.join('').trim()
        wholeSentence(description[0])

        where:
        [name, command] << commands().collect { path, cl -> [path.join(' '), cl] }
    }

    def "every option and parameter of '#name' says what it is for"() {
        given:
        def spec = command.commandSpec
        def args = spec.options() + spec.positionalParameters()

        expect:
        args.findAll { !it.hidden() }.every { arg ->
            String d = arg.description().join(' ').trim()
            assert d && d.endsWith('.'), "${name} ${arg.paramLabel()} ${arg instanceof CommandLine.Model.OptionSpec ? arg.longestName() : ''} needs a description"
            true
        }

        where:
        [name, command] << commands().collect { path, cl -> [path.join(' '), cl] }
    }

    def "wtcraft help #name shows the help of '#name', the same as its --help"() {
        when:
        def help = wtcraft(*(['help'] + path))
        def own = wtcraft(*(path + ['--help']))

        then:
        help.exitCode == 0
        help.err == ''
        help.out.startsWith("Usage: wtcraft ${name} ")
        help.out.replaceAll(/\s+/, '').contains(summary.replaceAll(/\s+/, '')) // picocli may break a line after a dot
        own.exitCode == 0
        own.out == help.out

        where:
        [name, path, summary] << commands().findAll { path, cl -> !cl.commandSpec.usageMessage().hidden() }
                .collect { path, cl -> [path.join(' '), path, cl.commandSpec.usageMessage().description()[0]] }
    }

    def "the command list shows each command's whole summary"() {
        when:
        def help = wtcraft('--help')
        Map<String, String> listed = [:]
        String current = null
        help.out.readLines().dropWhile { it != 'Commands:' }.drop(1).takeWhile { it.trim() }.each { line ->
            def m = line =~ /^  (\S+)\s+(.*)$/
            if (m.matches()) {
                current = m.group(1)
                listed[current] = m.group(2)
            } else {
                listed[current] += ' ' + line.trim()
            }
        }
        def shown = commands().findAll { path, cl -> path.size() == 1 && !cl.commandSpec.usageMessage().hidden() }

        then:
        help.exitCode == 0
        listed.keySet() == shown.keySet().collect { it[0] } as Set
        shown.every { path, cl ->
            // picocli may break a line after a dot inside a word (run.json), so compare without whitespace
            assert listed[path[0]].replaceAll(/\s+/, '') == cl.commandSpec.usageMessage().description()[0].replaceAll(/\s+/, '')
            true
        }
    }

    def "help for a command that does not exist exits 1 and names the closest"() {
        when:
        def top = wtcraft('help', 'reveiw')
        def sub = wtcraft('help', 'lib', 'lsit')

        then:
        top.exitCode == 1
        top.out == ''
        top.err.trim() == "wtcraft help: no command 'wtcraft reveiw'; did you mean 'review'? (see 'wtcraft help --help')"
        sub.exitCode == 1
        sub.err.trim() == "wtcraft help: no command 'wtcraft lib lsit'; did you mean 'list'? (see 'wtcraft help --help')"
    }
}
