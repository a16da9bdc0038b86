package dev.wtcraft.cli;

import dev.wtcraft.model.Names;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** `wtcraft help [COMMAND]...`: a command's help, a subcommand's too (`wtcraft help lib list`). */
@Command(name = "help", helpCommand = true,
        description = {"Show the help of a command, or of a subcommand: wtcraft help lib list.",
                "Without COMMAND, the list of commands. The same as COMMAND --help."})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command, and its subcommand if it has them.")
    List<String> path = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    private CommandLine self;
    private PrintWriter out;
    private CommandLine.Help.ColorScheme colors;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine command = self.getParent();
        for (String name : path) {
            CommandLine next = command.getSubcommands().get(name);
            if (next == null) {
                List<String> known = command.getSubcommands().entrySet().stream()
                        .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden()).map(Map.Entry::getKey).toList();
                String where = command.getCommandSpec().qualifiedName();
                throw new CommandLine.ParameterException(self, known.isEmpty()
                        ? "'" + where + "' has no subcommands"
                        : "no command '" + where + " " + name + "'" + Names.suggestion(name, known));
            }
            command = next;
        }
        command.usage(out, colors);
    }
}
