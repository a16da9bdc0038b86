package dev.wtcraft.cli;

import picocli.CommandLine.Option;

/** A command that speaks the machine protocol: --json prints exactly one JSON document on stdout. */
abstract class JsonCommand extends BaseCommand {
    @Option(names = "--json", description = "Print one JSON document on stdout; everything else goes to stderr.")
    boolean json;

    @Override
    boolean json() {
        return json;
    }
}
