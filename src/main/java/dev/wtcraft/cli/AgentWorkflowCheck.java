package dev.wtcraft.cli;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.task.ScaffoldDoctor;

import java.util.List;
import java.util.Map;

/** doctor's view of the repository it runs in: the agent workflow `init` installs (null outside a repository). */
final class AgentWorkflowCheck {
    private AgentWorkflowCheck() {
    }

    static Map<String, Object> report(BaseCommand command) {
        try {
            return ScaffoldDoctor.report(command.layout().root());
        } catch (WtcraftException notInRepository) {
            return null;
        }
    }

    static List<String> lines(Map<String, Object> report) {
        return report == null ? List.of() : ScaffoldDoctor.lines(report);
    }
}
