package dev.claudefeatures.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * AWS Secrets Manager on loopback, as far as {@code GetSecretValue} goes: every request is
 * answered with the current secret string, and its {@code X-Amz-Target} is kept.
 */
public final class FakeSecretsManager implements AutoCloseable {

    private final HttpServer server;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private volatile String secretString;

    private FakeSecretsManager(String secretString) throws IOException {
        this.secretString = secretString;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            byte[] body = new ObjectMapper().createObjectNode()
                    .put("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:anthropic-AbCdEf")
                    .put("Name", "anthropic").put("SecretString", this.secretString)
                    .toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public static FakeSecretsManager holding(String secretString) throws IOException {
        return new FakeSecretsManager(secretString);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void secretString(String secretString) {
        this.secretString = secretString;
    }

    /** The {@code X-Amz-Target} of every request received, e.g. {@code secretsmanager.GetSecretValue}. */
    public List<String> targets() {
        return List.copyOf(targets);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
