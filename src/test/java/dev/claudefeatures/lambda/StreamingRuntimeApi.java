package dev.claudefeatures.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Lambda Runtime API on loopback for a function that streams its answers, read as a Function
 * URL in RESPONSE_STREAM mode reads them: the response's mode and content type, the JSON prelude
 * up to its eight NUL bytes, then the body as it arrives. When the first server-sent
 * {@code delta} event arrives, it takes a reading of the upstream ({@code atFirstText}).
 */
final class StreamingRuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime";

    /** One streamed answer: its headers to the Runtime API, prelude, body, and the reading at its first text. */
    record Streamed(String mode, String contentType, String prelude, String body, int atFirstText) {
    }

    private record Pending(String requestId, String event, CompletableFuture<Streamed> result) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
    private final java.util.Map<String, Pending> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();
    private final IntSupplier atFirstText;

    StreamingRuntimeApi(IntSupplier atFirstText) throws IOException {
        this.atFirstText = atFirstText;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PREFIX + "/invocation/next", this::next);
        server.createContext(PREFIX + "/invocation/", this::complete);
        server.setExecutor(threads);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    CompletableFuture<Void> firstPoll() {
        return firstPoll;
    }

    CompletableFuture<Streamed> invoke(String event) {
        Pending pending = new Pending(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        queued.add(pending);
        return pending.result();
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(null);
        Pending pending;
        try {
            pending = queued.poll(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        if (pending == null) {
            exchange.close();
            return;
        }
        inFlight.put(pending.requestId(), pending);
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", FakeRuntimeApi.FUNCTION_ARN);
        byte[] event = pending.event().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
        exchange.close();
    }

    private void complete(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        Pending pending = inFlight.remove(parts[parts.length - 2]);
        if (pending == null || !"response".equals(parts[parts.length - 1])) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (pending != null) {
                pending.result().completeExceptionally(new AssertionError("the function answered an error: " + body));
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            return;
        }
        ByteArrayOutputStream prelude = new ByteArrayOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int nulsSeen = 0;
        int reading = -1;
        byte[] buffer = new byte[1024];
        try (InputStream in = exchange.getRequestBody()) {
            for (int read; (read = in.read(buffer)) >= 0;) {
                for (int i = 0; i < read; i++) {
                    if (nulsSeen < 8) {
                        if (buffer[i] == 0) {
                            nulsSeen++;
                        } else {
                            prelude.write(buffer[i]);
                        }
                    } else {
                        body.write(buffer[i]);
                    }
                }
                if (reading < 0 && body.toString(StandardCharsets.UTF_8).contains("event:delta")) {
                    reading = atFirstText.getAsInt();
                }
            }
        }
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
        pending.result().complete(new Streamed(
                exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Response-Mode"),
                exchange.getRequestHeaders().getFirst("Content-Type"), prelude.toString(StandardCharsets.UTF_8),
                body.toString(StandardCharsets.UTF_8), reading));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
