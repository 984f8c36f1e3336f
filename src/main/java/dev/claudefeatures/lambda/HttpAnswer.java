package dev.claudefeatures.lambda;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One answer of the application, gathered whole into the response an HTTP API or a Function URL
 * takes from a function (the API Gateway v2 payload): status, headers, each {@code Set-Cookie}
 * apart, and the body as text or, when its type is not textual, base64.
 */
final class HttpAnswer implements VirtualHttp.Listener {

    private final ObjectMapper json;
    private final CompletableFuture<byte[]> response = new CompletableFuture<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    // Written by the listener's calls, all on the connection's event loop; read once the answer ends.
    private int status;
    private Map<String, List<String>> headers = Map.of();

    HttpAnswer(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void head(int status, Map<String, List<String>> headers) {
        this.status = status;
        this.headers = headers;
    }

    @Override
    public void chunk(byte[] bytes) {
        body.writeBytes(bytes);
    }

    @Override
    public void end() {
        ObjectNode answer = head(json, status, headers);
        boolean text = isText(headers);
        answer.put("body", text ? body.toString(StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(body.toByteArray()));
        answer.put("isBase64Encoded", !text);
        response.complete(answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void failed(Throwable failure) {
        response.completeExceptionally(failure);
    }

    /** The response, or empty if the application has not answered within {@code within}. */
    Optional<byte[]> await(Duration within) throws ExecutionException, InterruptedException {
        try {
            return Optional.of(response.get(Math.max(within.toMillis(), 0), TimeUnit.MILLISECONDS));
        } catch (TimeoutException late) {
            return Optional.empty();
        }
    }

    /**
     * Status, headers and cookies as the integration takes them. Each {@code Set-Cookie} is a
     * cookie of its own (joined, they would break); other repeated headers are joined with commas,
     * as HTTP allows.
     */
    static ObjectNode head(ObjectMapper json, int status, Map<String, List<String>> headers) {
        ObjectNode head = json.createObjectNode().put("statusCode", status);
        ObjectNode headerNode = head.putObject("headers");
        ArrayNode cookies = json.createArrayNode();
        headers.forEach((name, values) -> {
            if ("set-cookie".equalsIgnoreCase(name)) {
                values.forEach(cookies::add);
            } else {
                headerNode.put(name, String.join(",", values));
            }
        });
        head.set("cookies", cookies);
        return head;
    }

    /** Text unless a content type says otherwise: text, JSON, XML and YAML go as they are, as Quarkus's adapter sends them. */
    static boolean isText(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(header -> "content-type".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0).toLowerCase(Locale.ROOT))
                .findFirst()
                .map(type -> type.startsWith("text") || type.contains("json") || type.contains("xml")
                        || type.contains("yaml"))
                .orElse(true);
    }
}
