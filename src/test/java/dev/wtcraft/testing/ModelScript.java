package dev.wtcraft.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the mock model server is scripted to do: the shell commands it asks for (the default script's, or as many
 * steps as asked), how long each response takes, and the HTTP errors it answers with instead.
 */
final class ModelScript {
    private volatile int shellSteps = -1;
    private volatile String stepCommand = MockModelServer.SHELL_COMMAND;
    private volatile long latencyMillis;
    private volatile int httpStatus;
    private final AtomicInteger httpErrorsLeft = new AtomicInteger(-1);

    void shellSteps(int n, String command) {
        shellSteps = n;
        stepCommand = command;
    }

    void shellCommand(String command) {
        stepCommand = command;
    }

    void latency(Duration latency) {
        latencyMillis = latency.toMillis();
    }

    void httpError(int status, int times) {
        httpStatus = status;
        httpErrorsLeft.set(times);
    }

    /** The status to fail this model request with, or 0 to answer it. */
    int failure() {
        return httpStatus != 0 && httpErrorsLeft.getAndUpdate(n -> n > 0 ? n - 1 : n) != 0 ? httpStatus : 0;
    }

    /** The shell command at this step, or null (the write, or the final message). */
    String shellAt(int step) {
        if (shellSteps >= 0) {
            return step < shellSteps ? stepCommand : null;
        }
        return step == 0 ? stepCommand : null;
    }

    boolean writeAt(int step) {
        return shellSteps < 0 && step == 1;
    }

    void pause() {
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The error body each provider sends with such a status. */
    static String errorBody(String path, int status) {
        String message = "mock: HTTP " + status + " (scripted)";
        if (path.endsWith("/messages")) {
            String type = status == 429 ? "rate_limit_error" : status == 529 ? "overloaded_error" : "api_error";
            return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
        }
        if (path.contains("GenerateContent")) {
            String state = status == 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL";
            return "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + state + "\"}}";
        }
        String type = status == 429 ? "rate_limit_exceeded" : "server_error";
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":\"" + type + "\"}}";
    }
}
