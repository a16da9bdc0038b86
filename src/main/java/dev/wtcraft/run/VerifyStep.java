package dev.wtcraft.run;

import dev.wtcraft.engine.EngineRun;
import dev.wtcraft.task.VerifyReport;
import dev.wtcraft.task.VerifyService;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The task's verification steps, each under the task's policy and sandbox, their output into the ledger line by
 * line; the last lines of each failing step are kept for the next attempt's feedback.
 */
final class VerifyStep {
    private static final int OUTPUT_TAIL = 30;

    private VerifyStep() {
    }

    /** The verification and the last lines each step printed. */
    record Result(VerifyReport report, Map<Integer, Deque<String>> output) {
        boolean passed() {
            return report.passed();
        }
    }

    static Result run(AttemptContext a, EngineRun.Boundary boundary, CommandGate gate) {
        Map<Integer, Deque<String>> output = new HashMap<>();
        Map<String, String> env = boundary.baseEnv();
        RunControl control = a.task().control();
        VerifyReport verify = VerifyService.verifySteps(a.worktree(), a.task().task().def().verify(),
                i -> a.events().lines("verify.stdout", Map.of("step", i), line -> tail(output, i, line)),
                i -> a.events().lines("verify.stderr", Map.of("step", i), line -> tail(output, i, line)), null,
                step -> a.events().append("verify.step", step.toDocument()), control::running,
                argv -> boundary.confine(gate.gateStep(argv), env), env);
        control.running(null);
        a.ledger().write("verify.json", Documents.verify(verify));
        a.step("verify " + verify.summaryLine());
        return new Result(verify, output);
    }

    private static synchronized void tail(Map<Integer, Deque<String>> output, int step, String line) {
        Deque<String> d = output.computeIfAbsent(step, k -> new ArrayDeque<>());
        d.addLast(line);
        if (d.size() > OUTPUT_TAIL) {
            d.removeFirst();
        }
    }
}
