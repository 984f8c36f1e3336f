package dev.claudefeatures.lambda;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one client of Lambda's Runtime API and Extensions API in this process, at
 * {@code AWS_LAMBDA_RUNTIME_API}: the streaming loop's {@code /next}, streamed {@code /response}
 * and {@code /error}, and the metrics extension's {@code /register} and {@code /event/next}.
 * {@link HttpURLConnection}, not {@code java.net.http}: no selector thread and fewer classes at
 * init, and a request body that can be written and flushed piece by piece as the answer comes.
 * Owned here because the Runtime Interface Client's own client ({@code LambdaRuntimeApiClient},
 * 2.10) posts an answer whole ({@code reportInvocationSuccess(id, byte[])}), knows no Extensions
 * API, and is not on the streaming runtime's class path.
 */
final class RuntimeApi {

    private static final Logger LOG = Logger.getLogger(RuntimeApi.class);
    private static final String RUNTIME = "/2018-06-01/runtime";
    private static final String EXTENSION = "/2020-01-01/extension";
    /** The content type of a streamed answer to a Function URL: a JSON prelude, eight NUL bytes, the body. */
    static final String STREAMING_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";

    /**
     * One invocation as {@code /next} hands it out.
     *
     * @param traceHeader the X-Ray trace header, or null when Lambda sent none
     */
    record Invocation(String requestId, String functionArn, long deadlineEpochMillis, String traceHeader,
            byte[] event) {
    }

    /** One event of the Extensions API: its type ({@code INVOKE}, {@code SHUTDOWN}) and invocation. */
    record ExtensionEvent(String type, String requestId, long deadlineEpochMillis) {
    }

    private final String address;
    private final ObjectMapper json;

    /** @param address {@code host:port}, as {@code AWS_LAMBDA_RUNTIME_API} gives it */
    RuntimeApi(String address, ObjectMapper json) {
        this.address = address;
        this.json = json;
    }

    /** The Runtime API of this environment; empty outside Lambda. */
    static Optional<RuntimeApi> ofEnvironment(ObjectMapper json) {
        return Optional.ofNullable(System.getenv("AWS_LAMBDA_RUNTIME_API")).map(address -> new RuntimeApi(address, json));
    }

    /** Waits for the next invocation (a long poll: Lambda may freeze the environment meanwhile). */
    Invocation next() throws IOException {
        HttpURLConnection get = open(RUNTIME + "/invocation/next", "GET");
        byte[] event = read(get, 200);
        String requestId = get.getHeaderField("Lambda-Runtime-Aws-Request-Id");
        if (requestId == null) {
            throw new IOException("the Runtime API gave an event without a request id");
        }
        String deadline = get.getHeaderField("Lambda-Runtime-Deadline-Ms");
        return new Invocation(requestId, get.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
                deadline == null ? Long.MAX_VALUE : Long.parseLong(deadline), get.getHeaderField("Lambda-Runtime-Trace-Id"),
                event);
    }

    /**
     * Starts the streamed answer of an invocation: what is written goes to Lambda chunked, each
     * {@code flush()} sent at once; {@code close()} ends the answer and reads Lambda's word on it.
     */
    OutputStream streamResponse(String requestId) throws IOException {
        HttpURLConnection post = open(RUNTIME + "/invocation/" + requestId + "/response", "POST");
        post.setDoOutput(true);
        post.setChunkedStreamingMode(0);
        post.setRequestProperty("Lambda-Runtime-Function-Response-Mode", "streaming");
        post.setRequestProperty("Content-Type", STREAMING_CONTENT_TYPE);
        return new FilterOutputStream(post.getOutputStream()) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                super.close();
                try {
                    read(post, 202);
                } catch (IOException refused) {
                    LOG.errorf("The Lambda Runtime API refused the streamed response of %s: %s", requestId,
                            refused.getMessage());
                }
            }
        };
    }

    /** Reports that an invocation could not be handled; the cause's type only, never its message. */
    void error(String requestId, Throwable failure) throws IOException {
        HttpURLConnection post = open(RUNTIME + "/invocation/" + requestId + "/error", "POST");
        post.setDoOutput(true);
        post.setRequestProperty("Lambda-Runtime-Function-Error-Type", "Runtime.HandlerError");
        post.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = post.getOutputStream()) {
            out.write(json.createObjectNode().put("errorMessage", "the invocation could not be handled")
                    .put("errorType", failure.getClass().getSimpleName()).toString().getBytes(StandardCharsets.UTF_8));
        }
        read(post, 202);
    }

    /**
     * Registers an extension of this process for {@code events}; allowed during init only.
     *
     * @return the extension's identifier, for {@link #nextEvent}
     */
    String register(String name, List<String> events) throws IOException {
        HttpURLConnection post = open(EXTENSION + "/register", "POST");
        post.setDoOutput(true);
        post.setRequestProperty("Lambda-Extension-Name", name);
        post.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = post.getOutputStream()) {
            out.write(json.writeValueAsBytes(json.createObjectNode().set("events", json.valueToTree(events))));
        }
        read(post, 200);
        String id = post.getHeaderField("Lambda-Extension-Identifier");
        if (id == null) {
            throw new IOException("the Extensions API registered the extension without an identifier");
        }
        return id;
    }

    /** Says the extension is done with its last event and waits for the next one (a long poll). */
    ExtensionEvent nextEvent(String extensionId) throws IOException {
        HttpURLConnection get = open(EXTENSION + "/event/next", "GET");
        get.setRequestProperty("Lambda-Extension-Identifier", extensionId);
        JsonNode event = json.readTree(read(get, 200));
        return new ExtensionEvent(event.path("eventType").asText(), event.path("requestId").asText(null),
                event.path("deadlineMs").asLong(Long.MAX_VALUE));
    }

    private HttpURLConnection open(String path, String method) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + address + path).toURL().openConnection();
        connection.setRequestMethod(method);
        // No read timeout: /next and /event/next wait as long as the environment is idle.
        connection.setReadTimeout(0);
        return connection;
    }

    /** The answer's body, read whole so that the connection can be reused; an unexpected status fails. */
    private static byte[] read(HttpURLConnection connection, int expected) throws IOException {
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        byte[] body = in == null ? new byte[0] : in.readAllBytes();
        if (in != null) {
            in.close();
        }
        if (status != expected) {
            throw new IOException("the Lambda API answered " + status + " to " + connection.getRequestMethod() + " "
                    + connection.getURL().getPath());
        }
        return body;
    }
}
