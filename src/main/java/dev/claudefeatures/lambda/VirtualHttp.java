package dev.claudefeatures.lambda;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.web.Problem;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.quarkus.netty.runtime.virtual.VirtualClientConnection;
import io.quarkus.netty.runtime.virtual.VirtualResponseHandler;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;

/**
 * Hands an HTTP event (API Gateway v2 or Function URL: the same shape) to the application through
 * Quarkus's in-memory HTTP channel, as quarkus-amazon-lambda-http does, and passes the answer on
 * piece by piece as the application writes it: the head, each body chunk, the end. The streaming
 * runtime relays the pieces as they come; {@link LambdaHandler} gathers them ({@link HttpAnswer}).
 * The Lambda {@link Context} travels with the request, so that resources and the request budget
 * see the invocation's remaining time.
 */
final class VirtualHttp {

    private static final ObjectMapper PROBLEMS = new ObjectMapper();

    /** Receives one answer; called on the application's I/O threads, so it must not block. */
    interface Listener {
        /** @param headers by name, each value apart: a repeated header such as {@code Set-Cookie} keeps every one */
        void head(int status, Map<String, List<String>> headers);

        void chunk(byte[] bytes);

        void end();

        void failed(Throwable failure);
    }

    private VirtualHttp() {
    }

    /**
     * Starts the request; returns the connection, whose {@code close()} abandons it (the caller left),
     * or null when the event was answered a problem at once (a body that cannot be decoded).
     *
     * @param context the invocation's context, or null outside Lambda
     */
    static VirtualClientConnection dispatch(APIGatewayV2HTTPEvent event, Context context, Listener listener) {
        QuarkusHttpHeaders headers = new QuarkusHttpHeaders();
        if (context != null) {
            headers.setContextObject(Context.class, context);
        }
        headers.setContextObject(APIGatewayV2HTTPEvent.class, event);
        if (event.getRequestContext() != null) {
            headers.setContextObject(APIGatewayV2HTTPEvent.RequestContext.class, event.getRequestContext());
        }
        APIGatewayV2HTTPEvent.RequestContext.Http http = event.getRequestContext() == null ? null
                : event.getRequestContext().getHttp();
        if (http == null || http.getMethod() == null) {
            throw new IllegalArgumentException("the event names no HTTP method");
        }
        String query = event.getRawQueryString();
        String uri = query == null || query.isEmpty() ? event.getRawPath() : event.getRawPath() + "?" + query;
        DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(http.getMethod()),
                uri, headers);
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (value != null) {
                    for (String part : value.split(",")) {
                        request.headers().add(name, part.strip());
                    }
                }
            });
        }
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            // Lambda takes the Cookie header out of the event's headers and lists the cookies apart.
            request.headers().add(HttpHeaderNames.COOKIE, String.join("; ", event.getCookies()));
        }
        if (!request.headers().contains(HttpHeaderNames.HOST)) {
            request.headers().add(HttpHeaderNames.HOST, "localhost");
        }
        Optional<Problem> undecodable = event.getIsBase64Encoded() ? EventBody.problem(event.getBody()) : Optional.empty();
        if (undecodable.isPresent()) {
            answer(undecodable.get(), listener);
            return null;
        }
        byte[] body = event.getBody() == null ? new byte[0] : event.getIsBase64Encoded()
                ? Base64.getDecoder().decode(event.getBody()) : event.getBody().getBytes(StandardCharsets.UTF_8);
        InetSocketAddress client = http.getSourceIp() == null ? null : new InetSocketAddress(http.getSourceIp(), 443);
        VirtualClientConnection connection = VirtualClientConnection.connect(new Relay(listener),
                VertxHttpRecorder.VIRTUAL_HTTP, client);
        DefaultLastHttpContent content = new DefaultLastHttpContent(Unpooled.wrappedBuffer(body));
        // Sent from the caller's thread, as Quarkus's Lambda adapter sends. Quarkus's VirtualChannel
        // can lose such a request when it arrives while the channel begins to read (1 or 2 in
        // 100,000 under load: VirtualChannelBenchmark); the runtimes then answer 500 within the
        // invocation's time. Sending from the channel's event loop closes that race, but lost the
        // HTTP server span's route in traced builds (TracedFunctionIT), so it is not done here.
        connection.sendMessage(request);
        connection.sendMessage(content);
        return connection;
    }

    /** A problem answered without the application: the event could not be made a request. */
    private static void answer(Problem problem, Listener listener) {
        try {
            listener.head(problem.status(), Map.of("Content-Type", List.of(Problem.MEDIA_TYPE)));
            listener.chunk(PROBLEMS.writeValueAsBytes(problem));
            listener.end();
        } catch (JsonProcessingException cannotHappen) {
            listener.failed(cannotHappen);
        }
    }

    /** Netty's answer objects, turned into the listener's calls. */
    static final class Relay implements VirtualResponseHandler {

        private final Listener listener;
        private boolean ended;

        Relay(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void handleMessage(Object message) {
            try {
                if (message instanceof HttpResponse response) {
                    Map<String, List<String>> headers = new LinkedHashMap<>();
                    for (String name : response.headers().names()) {
                        // The framing is the front door's: a chunked answer is streamed as it is.
                        if (!"transfer-encoding".equalsIgnoreCase(name)) {
                            headers.put(name, List.copyOf(response.headers().getAll(name)));
                        }
                    }
                    listener.head(response.status().code(), headers);
                }
                if (message instanceof HttpContent content && content.content().readableBytes() > 0) {
                    byte[] bytes = new byte[content.content().readableBytes()];
                    content.content().readBytes(bytes);
                    listener.chunk(bytes);
                }
                if (message instanceof LastHttpContent) {
                    ended = true;
                    listener.end();
                }
            } catch (RuntimeException failure) {
                listener.failed(failure);
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                listener.failed(new IllegalStateException("the application closed the connection before its answer ended"));
            }
        }
    }
}
