package dev.wtcraft.mcp;

import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.RunHistory;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ledger as resources: `wtcraft://runs/ID/run.json`, `.../report.html`, `.../tasks/TYPE/NAME/FILE` and every
 * other regular file of a run directory. Each recorded run's files are listed (the runs this server starts once
 * they end); reading goes through templates, so a run recorded later is readable too. A URI whose path would leave
 * its run directory (`..`, a symlink anywhere on the way) is refused, not followed.
 */
final class RunResources {
    static final String PREFIX = "wtcraft://runs/";

    private final Path root;
    private final Path runsDir;

    RunResources(RepoLayout layout) {
        this.root = layout.root();
        this.runsDir = new RunHistory(root).dir("x").getParent();
    }

    /** Every file of every recorded run, as a listed resource. */
    List<SyncResourceSpecification> recorded() {
        List<SyncResourceSpecification> out = new ArrayList<>();
        for (String id : new RunHistory(root).runIds()) {
            out.addAll(of(id));
        }
        return out;
    }

    /** The files of one run (none that is a symlink or not a regular file), as listed resources. */
    List<SyncResourceSpecification> of(String runId) {
        Path dir = runsDir.resolve(runId);
        List<SyncResourceSpecification> out = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted().toList()) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    String rel = dir.relativize(f).toString().replace('\\', '/');
                    String uri = PREFIX + runId + "/" + rel;
                    McpSchema.Resource r = McpSchema.Resource.builder().uri(uri).name(runId + "/" + rel)
                            .mimeType(mimeType(rel)).size(Files.size(f)).build();
                    out.add(new SyncResourceSpecification(r, (exchange, request) -> read(request.uri())));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return out; // a run directory that went away while it was listed lists nothing
        }
        return out;
    }

    List<SyncResourceTemplateSpecification> templates() {
        return List.of(
                template(PREFIX + "{run_id}/run.json", "run", "A run's record: its tasks, outcomes, spend, exit code."),
                template(PREFIX + "{run_id}/report.html", "report", "A run's HTML report, once 'wtcraft report' wrote it."),
                template(PREFIX + "{run_id}/{file}", "run file", "Another file of a run's ledger."),
                template(PREFIX + "{run_id}/tasks/{type}/{name}/{file}", "task file",
                        "One task's ledger file: meta.json, check.json, diff.json, verify.json, usage.json, changed-files.txt, ..."));
    }

    private SyncResourceTemplateSpecification template(String uri, String name, String description) {
        McpSchema.ResourceTemplate t = McpSchema.ResourceTemplate.builder().uriTemplate(uri).name(name)
                .description(description).build();
        return new SyncResourceTemplateSpecification(t, (exchange, request) -> read(request.uri()));
    }

    /** The file a URI names, read only when it is a regular file inside its run directory, reached without links. */
    McpSchema.ReadResourceResult read(String uri) {
        if (uri == null || !uri.startsWith(PREFIX)) {
            throw notFound(uri, "not a wtcraft run resource (they start with " + PREFIX + ")");
        }
        String rel = uri.substring(PREFIX.length());
        String[] parts = rel.split("/", -1);
        if (parts.length < 2) {
            throw notFound(uri, "names no file of a run");
        }
        for (String p : parts) {
            if (p.isEmpty() || p.equals(".") || p.equals("..") || p.contains("\\") || p.indexOf('\0') >= 0) {
                throw notFound(uri, "leaves the run directory or is not a plain path");
            }
        }
        Path dir = runsDir.resolve(parts[0]);
        Path file = runsDir.resolve(rel).normalize();
        if (!file.startsWith(dir) || file.equals(dir)) {
            throw notFound(uri, "leaves the run directory");
        }
        try {
            // a symlink anywhere on the way (the runs directory itself excepted) makes the real path differ
            Path real = file.toRealPath();
            if (!real.equals(runsDir.toRealPath().resolve(runsDir.relativize(file)))) {
                throw notFound(uri, "leaves the run directory (through a symlink)");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw notFound(uri, "is not a file");
            }
            String text = Files.readString(real, StandardCharsets.UTF_8);
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, mimeType(rel), text)));
        } catch (java.nio.file.NoSuchFileException e) {
            throw notFound(uri, "no such file");
        } catch (IOException e) {
            throw notFound(uri, "cannot be read: " + e.getMessage());
        }
    }

    private static McpError notFound(String uri, String why) {
        return new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND,
                "resource " + uri + " " + why, null));
    }

    static String mimeType(String name) {
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".html")) {
            return "text/html";
        }
        if (name.endsWith(".md")) {
            return "text/markdown";
        }
        return "text/plain";
    }
}
