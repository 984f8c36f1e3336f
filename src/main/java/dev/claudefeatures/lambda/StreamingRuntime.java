package dev.claudefeatures.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.claudefeatures.web.Problem;
import io.quarkus.netty.runtime.virtual.VirtualClientConnection;

/**
 * The Lambda Runtime API loop of a function that streams its answers (a Function URL in
 * {@code RESPONSE_STREAM} mode): takes each invocation from {@code /next}, hands its HTTP event to
 * the application ({@link VirtualHttp}), and posts the answer to {@code /response} as it is
 * written: chunked, in Lambda's streaming mode, an HTTP-integration prelude (status and headers),
 * eight NUL bytes, then the body, each piece flushed as it comes.
 *
 * <p>Owned here because neither Quarkus nor AWS's Java runtime streams: quarkus-amazon-lambda-http
 * answers through the managed runtime, which buffers every response, and Lambda streams responses
 * natively only on its Node.js runtimes, otherwise through "a custom Runtime API integration"
 * (docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html). It runs only where
 * {@code lambda.streaming-runtime=true}: the {@code stream-runtime} exec wrapper starts the
 * application through its own main ({@link FunctionMain}), which runs this loop once the
 * application has started.
 */
@ApplicationScoped
public class StreamingRuntime {

    private static final Logger LOG = Logger.getLogger(StreamingRuntime.class);
    private static final Object END = new Object();
    /** Where the Runtime Interface Client puts an invocation's X-Ray trace header, and X-Ray's libraries read it. */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    /** How long a rehearsal may take, as its context tells the application. */
    private static final long REHEARSAL_TIME_MS = 30_000;

    private final ObjectMapper json;
    private final ObjectReader events;
    private final InvocationEnds ends;
    private final Priming priming;

    @Inject
    StreamingRuntime(ObjectMapper json, InvocationEnds ends, Priming priming) {
        this.json = json;
        this.events = HttpEvents.reader(json);
        this.ends = ends;
        this.priming = priming;
    }

    /** Primes as {@code lambda.priming} says, then serves invocations until the thread is interrupted. */
    void run(RuntimeApi api) {
        priming.schedule(this::rehearse, true);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                serve(api, api.next());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException failure) {
                LOG.error("The Lambda Runtime API could not be read; trying again", failure);
                pause();
            }
        }
    }

    void serve(RuntimeApi api, RuntimeApi.Invocation invocation) throws IOException, InterruptedException {
        String requestId = invocation.requestId();
        RuntimeContext context = new RuntimeContext(requestId, invocation.functionArn(),
                invocation.deadlineEpochMillis());
        // Where the RIC would put it, per invocation: an invocation without one must not inherit the last.
        if (invocation.traceHeader() != null) {
            System.setProperty(TRACE_HEADER_PROPERTY, invocation.traceHeader());
        } else {
            System.clearProperty(TRACE_HEADER_PROPERTY);
        }
        VirtualClientConnection connection = null;
        try {
            BlockingQueue<Object> pieces = new LinkedBlockingQueue<>();
            try {
                connection = VirtualHttp.dispatch(events.<APIGatewayV2HTTPEvent>readValue(invocation.event()), context,
                        queueing(pieces));
            } catch (IOException | RuntimeException unusable) {
                error(api, requestId, unusable);
                return;
            }
            Object first = pieces.poll(timeLeft(context), TimeUnit.MILLISECONDS);
            if (first == null) {
                LOG.errorf("The application gave no answer within the invocation's time (request %s); answered 500",
                        requestId);
                stream(api, requestId, prelude(json, 500, Map.of("Content-Type", List.of(Problem.MEDIA_TYPE))),
                        new LinkedBlockingQueue<>(List.of(json.writeValueAsBytes(LambdaHandler.NOT_ANSWERED), END)), context);
                return;
            }
            if (first instanceof Throwable failure) {
                error(api, requestId, failure);
                return;
            }
            stream(api, requestId, first, pieces, context);
        } finally {
            if (connection != null) {
                connection.close();
            }
            ends.ended(requestId);
        }
    }

    /** What is left of the invocation's time for the answer to come, less the time kept to post it. */
    private static long timeLeft(RuntimeContext context) {
        return Math.max(context.getRemainingTimeInMillis() - LambdaHandler.ANSWER_TIME.toMillis(), 0);
    }

    /** The answer's pieces, as they come, onto a queue: the prelude, each chunk, then its end or failure. */
    private VirtualHttp.Listener queueing(BlockingQueue<Object> pieces) {
        return new VirtualHttp.Listener() {
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
        };
    }

    /**
     * One invocation of the application as this loop makes it, through the same queue and prelude,
     * its answer read and dropped; returns the status.
     */
    private int rehearse(String event) {
        BlockingQueue<Object> pieces = new LinkedBlockingQueue<>();
        VirtualClientConnection connection = null;
        try {
            connection = VirtualHttp.dispatch(events.<APIGatewayV2HTTPEvent>readValue(event), new RuntimeContext(
                    "priming-" + UUID.randomUUID(), null, System.currentTimeMillis() + REHEARSAL_TIME_MS), queueing(pieces));
            Object first = pieces.poll(REHEARSAL_TIME_MS, TimeUnit.MILLISECONDS);
            if (!(first instanceof byte[] prelude)) {
                return 500;
            }
            for (Object piece = first; piece != END && !(piece instanceof Throwable); ) {
                piece = pieces.poll(REHEARSAL_TIME_MS, TimeUnit.MILLISECONDS);
                if (piece == null) {
                    return 500;
                }
            }
            return json.readTree(prelude, 0, prelude.length - 8).path("statusCode").asInt(500);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 500;
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** Posts the answer as it comes: the prelude first, then each piece, flushed, until the end or the invocation's time. */
    private static void stream(RuntimeApi api, String requestId, Object prelude, BlockingQueue<Object> pieces,
            RuntimeContext context) throws IOException, InterruptedException {
        try (OutputStream out = api.streamResponse(requestId)) {
            out.write((byte[]) prelude);
            out.flush();
            for (Object piece = pieces.poll(timeLeft(context), TimeUnit.MILLISECONDS); piece != END;
                    piece = pieces.poll(timeLeft(context), TimeUnit.MILLISECONDS)) {
                if (piece == null) {
                    LOG.errorf("The answer stopped coming within the invocation's time (request %s); the stream ends",
                            requestId);
                    break;
                }
                if (piece instanceof Throwable failure) {
                    // The status has gone out: the stream just ends; the log says why.
                    LOG.error("The answer failed after it had started streaming", failure);
                    break;
                }
                out.write((byte[]) piece);
                out.flush();
            }
        }
    }

    private static void error(RuntimeApi api, String requestId, Throwable failure) throws IOException {
        LOG.error("The invocation could not be handled", failure);
        api.error(requestId, failure);
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The HTTP-integration prelude: status, headers and cookies as JSON ({@link HttpAnswer#head}), then eight NUL bytes. */
    static byte[] prelude(ObjectMapper json, int status, Map<String, List<String>> headers) {
        byte[] head = HttpAnswer.head(json, status, headers).toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 8];
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }
}
