package dev.claudefeatures.lambda;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.netty.runtime.virtual.VirtualClientConnection;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * In dev and test only: the application's routes on a port of their own, answered as they are
 * written, as the streaming Function URL answers them in Lambda. The mock event server on 8080
 * gathers each answer whole, as API Gateway does, so a chat stream shows here, not there:
 * {@code curl -N localhost:8090/chat -H 'accept: text/event-stream' ...}.
 */
@Singleton
@IfBuildProfile(anyOf = {"dev", "test"})
public class DevStreamingFront {

    private static final Logger LOG = Logger.getLogger(DevStreamingFront.class);

    private final Vertx vertx;
    private final int port;
    private volatile HttpServer server;

    DevStreamingFront(Vertx vertx, LambdaConfig config) {
        this.vertx = vertx;
        this.port = config.devStreamPort();
    }

    void start(@Observes StartupEvent started) throws Exception {
        server = vertx.createHttpServer().requestHandler(this::serve).listen(port, "localhost")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.infof("Streaming answers, as the chat Function URL gives them: %s", baseUri());
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + server.actualPort());
    }

    private void serve(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new HashMap<>();
            request.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(),
                    (a, b) -> a + "," + b));
            HttpServerResponse response = request.response();
            VirtualClientConnection connection = VirtualHttp.dispatch(HttpEvents.of(request.method().name(),
                    request.path(), request.query(), headers, body.getBytes(), "127.0.0.1"),
                    null, new VirtualHttp.Listener() {
                        @Override
                        public void head(int status, Map<String, List<String>> answerHeaders) {
                            response.setStatusCode(status).setChunked(true);
                            // The answer goes out chunked: a Content-Length beside it would let a client
                            // stop reading before the last chunk and find it as the next answer's status line.
                            answerHeaders.forEach((name, values) -> {
                                if (!"content-length".equalsIgnoreCase(name)) {
                                    response.putHeader(name, values);
                                }
                            });
                        }

                        @Override
                        public void chunk(byte[] bytes) {
                            if (!response.closed()) {
                                response.write(Buffer.buffer(bytes));
                            }
                        }

                        @Override
                        public void end() {
                            if (!response.closed()) {
                                response.end();
                            }
                        }

                        @Override
                        public void failed(Throwable failure) {
                            if (!response.closed()) {
                                response.reset();
                            }
                        }
                    });
            // A caller that leaves closes the application's request too, which cancels its upstream call.
            if (connection != null) {
                response.closeHandler(ignored -> connection.close());
            }
        });
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.close();
        }
    }
}
