package dev.wtcraft.trace;

import dev.wtcraft.WtcraftException;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The only class that touches the OpenTelemetry SDK: turns the ledger's spans into SpanData with the ids the run
 * handed its engines, and sends them with the SDK's OTLP/HTTP exporter (the JDK's HTTP client, no OkHttp).
 */
final class OtlpSender {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Held so that the SDK's own warnings stay quiet while wtcraft reports a failure in one line itself. */
    private static final Logger SDK_LOG = Logger.getLogger("io.opentelemetry");

    private OtlpSender() {
    }

    static void send(String url, String traceId, List<TraceSpan> spans, String version) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), "wtcraft",
                io.opentelemetry.api.common.AttributeKey.stringKey("service.version"), version)));
        InstrumentationScopeInfo scope = InstrumentationScopeInfo.builder("dev.wtcraft.trace")
                .setVersion(version).build();
        List<SpanData> data = spans.stream().map(s -> (SpanData) new LedgerSpan(s, traceId, resource, scope)).toList();
        Level before = SDK_LOG.getLevel();
        SDK_LOG.setLevel(Level.OFF);
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(url).setTimeout(TIMEOUT).build();
        try {
            CompletableResultCode result = exporter.export(data).join(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            if (!result.isSuccess()) {
                Throwable why = result.getFailureThrowable();
                throw WtcraftException.fatal("could not export the trace to " + url
                        + (why == null ? (result.isDone() ? ": the endpoint refused it" : ": timed out")
                        : ": " + why(why)));
            }
        } finally {
            exporter.shutdown().join(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            SDK_LOG.setLevel(before);
        }
    }

    /** The failure in words: the SDK wraps the HTTP client's exception, whose own message may be empty. */
    private static String why(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // an internal class of the pinned exporter: the only place it says which HTTP status it was given
            if (t instanceof io.opentelemetry.exporter.internal.FailedExportException.HttpExportException h
                    && h.failedWithResponse()) {
                return "HTTP " + h.getResponse().getStatusCode();
            }
            if (t instanceof java.net.ConnectException) {
                return "cannot connect (is the collector listening there?)";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "timed out";
            }
        }
        Throwable deepest = failure;
        while (deepest.getCause() != null) {
            deepest = deepest.getCause();
        }
        String message = failure.getMessage() != null ? failure.getMessage() : deepest.getMessage();
        return message != null ? message : deepest.getClass().getSimpleName();
    }

    /** A finished span built from the ledger, with the ids derived from the run (see {@link TraceIds}). */
    private record LedgerSpan(TraceSpan span, String traceId, Resource resource, InstrumentationScopeInfo scope)
            implements SpanData {
        @Override
        public String getName() {
            return span.name();
        }

        @Override
        public SpanKind getKind() {
            return SpanKind.INTERNAL;
        }

        @Override
        public SpanContext getSpanContext() {
            return SpanContext.create(traceId, span.spanId(), TraceFlags.getSampled(), TraceState.getDefault());
        }

        @Override
        public SpanContext getParentSpanContext() {
            return span.parentId() == null ? SpanContext.getInvalid()
                    : SpanContext.create(traceId, span.parentId(), TraceFlags.getSampled(), TraceState.getDefault());
        }

        @Override
        public StatusData getStatus() {
            return span.error() ? StatusData.create(StatusCode.ERROR, span.status() == null ? "" : span.status())
                    : StatusData.ok();
        }

        @Override
        public long getStartEpochNanos() {
            return nanos(span.start());
        }

        @Override
        public Attributes getAttributes() {
            AttributesBuilder b = Attributes.builder();
            for (Map.Entry<String, Object> e : span.attributes().entrySet()) {
                if (e.getValue() != null) {
                    put(b, e.getKey(), e.getValue());
                }
            }
            return b.build();
        }

        private static void put(AttributesBuilder b, String key, Object value) {
            if (value instanceof Long l) {
                b.put(key, l);
            } else if (value instanceof Integer i) {
                b.put(key, (long) i);
            } else if (value instanceof Double d) {
                b.put(key, d);
            } else if (value instanceof Boolean bool) {
                b.put(key, bool);
            } else {
                b.put(key, value.toString());
            }
        }

        @Override
        public List<EventData> getEvents() {
            return List.of();
        }

        @Override
        public List<LinkData> getLinks() {
            return List.of();
        }

        @Override
        public long getEndEpochNanos() {
            return nanos(span.end());
        }

        @Override
        public boolean hasEnded() {
            return true;
        }

        @Override
        public int getTotalRecordedEvents() {
            return 0;
        }

        @Override
        public int getTotalRecordedLinks() {
            return 0;
        }

        @Override
        public int getTotalAttributeCount() {
            return span.attributes().size();
        }

        @Override
        @SuppressWarnings("deprecation")
        public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
            return InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion());
        }

        @Override
        public InstrumentationScopeInfo getInstrumentationScopeInfo() {
            return scope;
        }

        @Override
        public Resource getResource() {
            return resource;
        }

        private static long nanos(Instant t) {
            return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
        }
    }
}
