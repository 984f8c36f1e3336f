package dev.claudefeatures.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;

/**
 * The Lambda Runtime API loop of a function that streams its answers (a Function URL in
 * {@code RESPONSE_STREAM} mode): takes each invocation from {@code /next}, hands its HTTP event to
 * the application ({@link VirtualHttp}), and posts the answer to {@code /response} as it is
 * written: chunked, in Lambda's streaming mode, an HTTP-integration prelude (status and headers),
 * eight NUL bytes, then the body, each piece flushed as it comes.
 *
 * <p>Needed because quarkus-amazon-lambda-http answers through the managed runtime, which buffers
 * every response, and has no switch for its poll loop. It runs only where
 * {@code lambda.streaming-runtime=true}: the {@code stream-runtime} exec wrapper starts the
 * application through its own main (which starts no other poll loop) with that setting.
 */
@ApplicationScoped
public class StreamingRuntime {

    private static final Logger LOG = Logger.getLogger(StreamingRuntime.class);
    private static final String PREFIX = "/2018-06-01/runtime";
    static final String STREAMING_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";
    private static final Object END = new Object();
    /** Where the Runtime Interface Client puts an invocation's X-Ray trace header, and X-Ray's libraries read it. */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    private final ObjectMapper json;
    private final ObjectReader events;
    private final boolean enabled;
    /** Built only where this loop runs (see {@link #start}). */
    private HttpClient http;
    private String api;

    @Inject
    StreamingRuntime(ObjectMapper json, LambdaConfig config) {
        this.json = json;
        this.events = eventReader(json);
        this.enabled = config.streamingRuntime();
    }

    void start(@Observes StartupEvent started) {
        if (!enabled) {
            return;
        }
        api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (api == null) {
            throw new IllegalStateException("lambda.streaming-runtime is on, but AWS_LAMBDA_RUNTIME_API is not set");
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // Not a daemon: this loop is what keeps the function alive between invocations.
        Thread loop = new Thread(this::loop, "lambda-streaming-runtime");
        loop.start();
    }

    private void loop() {
        // No invocation is taken before the application can answer it.
        while (!VirtualHttp.ready() && !Thread.currentThread().isInterrupted()) {
            pause(10);
        }
        Priming.whenDue(this::prime);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                serve(http.send(HttpRequest.newBuilder(URI.create("http://" + api + PREFIX + "/invocation/next"))
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (Exception failure) {
                LOG.error("The Lambda Runtime API could not be read; trying again", failure);
                pause(500);
            }
        }
    }

    private void serve(HttpResponse<byte[]> next) throws IOException, InterruptedException {
        String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        RuntimeContext context = new RuntimeContext(requestId,
                next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElse(null),
                next.headers().firstValue("Lambda-Runtime-Deadline-Ms").map(Long::parseLong).orElse(Long.MAX_VALUE));
        // Where the RIC would put it, per invocation: an invocation without one must not inherit the last.
        next.headers().firstValue("Lambda-Runtime-Trace-Id").ifPresentOrElse(
                trace -> System.setProperty(TRACE_HEADER_PROPERTY, trace), () -> System.clearProperty(TRACE_HEADER_PROPERTY));
        BlockingQueue<Object> pieces = new LinkedBlockingQueue<>();
        try {
            VirtualHttp.dispatch(events.<APIGatewayV2HTTPEvent>readValue(next.body()), context, new VirtualHttp.Listener() {
                @Override
                public void head(int status, Map<String, List<String>> headers) {
                    pieces.add(prelude(json, status, headers));
                }

                @Override
                public void chunk(byte[] bytes) {
                    pieces.add(bytes);
                }

                @Override
                public void end() {
                    pieces.add(END);
                }

                @Override
                public void failed(Throwable failure) {
                    pieces.add(failure);
                }
            });
        } catch (RuntimeException unusable) {
            try {
                postError(requestId, unusable);
            } finally {
                InvocationEnds.ended(requestId);
            }
            return;
        }
        try {
            Object first = pieces.take();
            if (first instanceof Throwable failure) {
                postError(requestId, failure);
                return;
            }
            stream(requestId, first, pieces);
        } finally {
            InvocationEnds.ended(requestId);
        }
    }

    /** One invocation of the application as this loop makes it, its answer read and dropped; returns the status. */
    private int prime(String event) {
        java.util.concurrent.CompletableFuture<Integer> status = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        try {
            VirtualHttp.dispatch(events.<APIGatewayV2HTTPEvent>readValue(event), new RuntimeContext("priming-" + java.util.UUID.randomUUID(),
                    null, System.currentTimeMillis() + 30_000), new VirtualHttp.Listener() {
                        @Override
                        public void head(int code, Map<String, List<String>> headers) {
                            status.complete(code);
                        }

                        @Override
                        public void chunk(byte[] bytes) {
                        }

                        @Override
                        public void end() {
                            ended.countDown();
                        }

                        @Override
                        public void failed(Throwable failure) {
                            status.complete(500);
                            ended.countDown();
                        }
                    });
            ended.await(30, java.util.concurrent.TimeUnit.SECONDS);
            return status.getNow(500);
        } catch (IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 500;
        }
    }

    /** Posts the answer as it comes: the prelude first, then each piece, flushed. */
    private void stream(String requestId, Object prelude, BlockingQueue<Object> pieces)
            throws IOException, InterruptedException {
        HttpURLConnection post = (HttpURLConnection) URI.create("http://" + api + PREFIX + "/invocation/" + requestId
                + "/response").toURL().openConnection();
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setChunkedStreamingMode(0);
        post.setRequestProperty("Lambda-Runtime-Function-Response-Mode", "streaming");
        post.setRequestProperty("Content-Type", STREAMING_CONTENT_TYPE);
        try (OutputStream out = post.getOutputStream()) {
            out.write((byte[]) prelude);
            out.flush();
            for (Object piece = pieces.take(); piece != END; piece = pieces.take()) {
                if (piece instanceof Throwable failure) {
                    // The status has gone out: the stream just ends; the log says why.
                    LOG.error("The answer failed after it had started streaming", failure);
                    break;
                }
                out.write((byte[]) piece);
                out.flush();
            }
        }
        try (InputStream in = post.getInputStream()) {
            in.readAllBytes();
        }
        if (post.getResponseCode() != 202) {
            LOG.errorf("The Lambda Runtime API refused the streamed response of %s: %d", requestId, post.getResponseCode());
        }
    }

    /**
     * The HTTP-integration prelude: status, headers and cookies as JSON, then eight NUL bytes. Each
     * {@code Set-Cookie} is a cookie of its own (joined, they would break); other repeated headers
     * are joined with commas, as HTTP allows.
     */
    static byte[] prelude(ObjectMapper json, int status, Map<String, List<String>> headers) {
        ObjectNode prelude = json.createObjectNode().put("statusCode", status);
        ObjectNode headerNode = prelude.putObject("headers");
        ArrayNode cookies = json.createArrayNode();
        headers.forEach((name, values) -> {
            if ("set-cookie".equalsIgnoreCase(name)) {
                values.forEach(cookies::add);
            } else {
                headerNode.put(name, String.join(",", values));
            }
        });
        prelude.set("cookies", cookies);
        byte[] head = prelude.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 8];
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private void postError(String requestId, Throwable failure) throws IOException, InterruptedException {
        LOG.error("The invocation could not be handled", failure);
        String body = json.createObjectNode().put("errorMessage", "the invocation could not be handled")
                .put("errorType", failure.getClass().getSimpleName()).toString();
        http.send(HttpRequest.newBuilder(URI.create("http://" + api + PREFIX + "/invocation/" + requestId + "/error"))
                .header("Lambda-Runtime-Function-Error-Type", "Runtime.HandlerError")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Reads the HTTP event of a Function URL invocation (the API Gateway v2 shape) whole into the
     * AWS library's own model: cookies, base64 body, query string, repeated headers (comma-joined,
     * as Lambda sends them) and the request context with the caller's IAM identity.
     */
    static ObjectReader eventReader(ObjectMapper json) {
        return json.readerFor(APIGatewayV2HTTPEvent.class)
                .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
