package dev.claudefeatures.lambda;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.telemetry.DeferrableSink;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Takes metrics off the response path: an internal Lambda extension (Extensions API) of this very
 * process. Registered for {@code INVOKE} during init, it learns of each invocation as the runtime
 * does, waits until the runtime has the invocation's answer ({@link InvocationEnds}), publishes
 * what the invocation recorded, and only then asks for the next event. Lambda freezes an
 * environment only when the runtime and every extension have asked for the next event, so the
 * {@code PutMetricData} is sent after the answer, and before the freeze, with nothing lost.
 *
 * <p>Used with a sink that makes a network call ({@code cloudwatch}) when the Extensions API is
 * there; if it cannot register, metrics are published before the answer as without it.
 */
@ApplicationScoped
public class MetricsExtension {

    private static final Logger LOG = Logger.getLogger(MetricsExtension.class);
    private static final String PREFIX = "/2020-01-01/extension";
    static final String NAME = "claude-features-metrics";
    /** Left of an invocation's time when the extension stops waiting for its answer and publishes anyway. */
    static final Duration MARGIN = Duration.ofMillis(500);

    private final DeferrableSink sink;
    private final LambdaConfig config;
    private final ObjectMapper json;
    /** Built only where the extension runs: a client starts a selector thread and loads much of java.net.http. */
    private HttpClient http;

    @Inject
    MetricsExtension(DeferrableSink sink, LambdaConfig config, ObjectMapper json) {
        this.sink = sink;
        this.config = config;
        this.json = json;
    }

    /** Before the runtime's first {@code /next}: an internal extension registers during init or never. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (api == null || !config.metricsAfterResponse() || !sink.remote()
                || LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String id;
        try {
            id = register(api);
        } catch (IOException | RuntimeException failure) {
            LOG.warnf("The metrics extension could not register (%s): metrics are published before each answer",
                    failure.toString());
            return;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
        }
        InvocationEnds.track();
        sink.deferUntilFlushed();
        Thread loop = new Thread(() -> loop(api, id), "lambda-metrics-extension");
        loop.setDaemon(true);
        loop.start();
    }

    private String register(String api) throws IOException, InterruptedException {
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create("http://" + api + PREFIX
                + "/register")).header("Lambda-Extension-Name", NAME)
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[\"INVOKE\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return registered.headers().firstValue("Lambda-Extension-Identifier")
                .filter(id -> registered.statusCode() == 200)
                .orElseThrow(() -> new IOException("the Extensions API answered " + registered.statusCode()));
    }

    private void loop(String api, String id) {
        HttpRequest next = HttpRequest.newBuilder(URI.create("http://" + api + PREFIX + "/event/next"))
                .header("Lambda-Extension-Identifier", id).GET().build();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                JsonNode event = json.readTree(http.send(next, HttpResponse.BodyHandlers.ofString()).body());
                if ("INVOKE".equals(event.path("eventType").asText())) {
                    afterAnswer(event.path("requestId").asText(),
                            Instant.ofEpochMilli(event.path("deadlineMs").asLong(Long.MAX_VALUE)));
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException failure) {
                LOG.errorf("The Extensions API could not be read (%s); publishing what is held and trying again",
                        failure.toString());
                sink.flush();
                pause();
            }
        }
    }

    /** Waits for the answer of one invocation (never past its deadline), then publishes. */
    private void afterAnswer(String requestId, Instant deadline) throws InterruptedException {
        boolean answered = InvocationEnds.awaitEnd(requestId,
                Duration.between(Instant.now(), deadline.minus(MARGIN)));
        if (!answered) {
            LOG.warnf("Invocation %s had not answered %d ms before its deadline; publishing its metrics now",
                    requestId, MARGIN.toMillis());
        }
        sink.flush();
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
