package dev.wtcraft.support

import com.google.protobuf.ByteString
import com.sun.net.httpserver.HttpServer
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse
import io.opentelemetry.proto.common.v1.AnyValue
import io.opentelemetry.proto.trace.v1.Span

import java.util.concurrent.CopyOnWriteArrayList

/**
 * An OTLP/HTTP traces receiver of the test's own on 127.0.0.1: decodes each POST to /v1/traces with the
 * OpenTelemetry proto classes and keeps it; answers {@link #status} (200 unless a spec says otherwise).
 */
class OtlpReceiver implements Closeable {
    final HttpServer server
    final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>()
    final List<String> contentTypes = new CopyOnWriteArrayList<>()
    volatile int status = 200

    OtlpReceiver() {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName('127.0.0.1'), 0), 0)
        server.createContext('/v1/traces') { exchange ->
            byte[] body = exchange.requestBody.readAllBytes()
            contentTypes << exchange.requestHeaders.getFirst('Content-Type')
            byte[] answer = new byte[0]
            if (status == 200) {
                requests << ExportTraceServiceRequest.parseFrom(body)
                answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray()
            }
            exchange.responseHeaders.add('Content-Type', 'application/x-protobuf')
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length)
            if (answer.length > 0) {
                exchange.responseBody.write(answer)
            }
            exchange.close()
        }
        server.start()
    }

    /** The collector's base URL, as users give it (the exporter adds /v1/traces). */
    String url() {
        "http://127.0.0.1:${server.address.port}"
    }

    /** Every span received, in order. */
    List<Span> spans() {
        requests.collectMany { r -> r.resourceSpansList.collectMany { rs -> rs.scopeSpansList.collectMany { it.spansList } } }
    }

    /** The resource attributes of the first request. */
    Map<String, Object> resource() {
        attributes(requests[0].getResourceSpans(0).resource.attributesList)
    }

    static String hex(ByteString id) {
        id.toByteArray().encodeHex().toString()
    }

    static Map<String, Object> attributes(Span span) {
        attributes(span.attributesList)
    }

    static Map<String, Object> attributes(List<io.opentelemetry.proto.common.v1.KeyValue> list) {
        list.collectEntries { kv -> [(kv.key): value(kv.value)] }
    }

    static Object value(AnyValue v) {
        switch (v.valueCase) {
            case AnyValue.ValueCase.STRING_VALUE: return v.stringValue
            case AnyValue.ValueCase.INT_VALUE: return v.intValue
            case AnyValue.ValueCase.DOUBLE_VALUE: return v.doubleValue
            case AnyValue.ValueCase.BOOL_VALUE: return v.boolValue
            default: return v.toString()
        }
    }

    @Override
    void close() {
        server.stop(0)
    }
}
