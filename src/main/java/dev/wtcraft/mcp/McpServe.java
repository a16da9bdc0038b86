package dev.wtcraft.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wtcraft.git.RepoLayout;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * `wtcraft mcp`: the Model Context Protocol server on stdin and stdout, until the client closes stdin. Only this
 * command's call path loads the SDK. When the client goes, the runs it started are stopped as Ctrl-C stops them.
 */
public final class McpServe {
    private McpServe() {
    }

    public static int serve(RepoLayout layout, Map<String, String> env, Verbs verbs, InputStream in, OutputStream out,
                            String version) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        var transport = new StdioServerTransportProvider(json, new EndOfInput(in, closed), out);
        BackgroundRuns runs = new BackgroundRuns(layout, env);
        WtcraftTools tools = new WtcraftTools(layout, verbs, runs);
        RunResources resources = new RunResources(layout);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("wtcraft", version)
                .jsonMapper(json)
                .jsonSchemaValidator(new ArgumentsOnly())
                .validateToolInputs(false)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, true).logging().build())
                .tools(tools.specifications())
                .resources(resources.recorded())
                .resourceTemplates(resources.templates())
                .build();
        runs.onEnd(id -> {
            try {
                resources.of(id).forEach(server::addResource);
                server.notifyResourcesListChanged();
            } catch (RuntimeException e) {
                System.err.println("wtcraft mcp: cannot list the files of run " + id + ": " + e.getMessage());
            }
        });
        closed.await();
        runs.interruptAll();
        server.closeGracefully();
        return 0;
    }

    /**
     * The tools check their own arguments (WtcraftTools.Args) and declare no output schema, so the SDK has nothing
     * to validate; this keeps it from looking up a schema library the build does not ship.
     */
    private static final class ArgumentsOnly implements JsonSchemaValidator {
        @Override
        public ValidationResponse validate(Map<String, Object> schema, Object content) {
            return ValidationResponse.asValid(null);
        }
    }

    /** Stdin that says when the client closed it. */
    private static final class EndOfInput extends FilterInputStream {
        private final CountDownLatch closed;

        EndOfInput(InputStream in, CountDownLatch closed) {
            super(in);
            this.closed = closed;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                closed.countDown();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) {
                closed.countDown();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            closed.countDown();
            super.close();
        }
    }
}
