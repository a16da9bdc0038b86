package dev.wtcraft.cli

import dev.wtcraft.support.WtcraftSpecification
import picocli.CommandLine

/** `capabilities --json` describes every command a user can run, and no other. */
class CapabilitiesSpec extends WtcraftSpecification {
    def "capabilities lists every command the command line has"() {
        given:
        def cl = WtcraftCommand.tree(CommandLine.defaultFactory())
        def commands = cl.subcommands.findAll { name, sub ->
            !sub.commandSpec.usageMessage().hidden() && !(name in ['help', 'generate-completion'])
        }.keySet()

        when:
        def caps = wtcraft('capabilities', '--json').json

        then:
        caps.commands.keySet() == commands
    }
}
