package dev.claudefeatures.lambda;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

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
 * {@code PutMetricData} is sent after the answer, and before the freeze, with nothing lost. It is
 * the one place that flushes the held metrics, once per invocation, after its answer.
 *
 * <p>Used with a sink that makes a network call ({@code cloudwatch}) when the Extensions API is
 * there; if it cannot register, metrics are published before the answer as without it.
 * Owned here because neither Quarkus nor AWS's Java libraries offer an internal extension:
 * Powertools' metrics are flushed inside the handler, as log lines.
 */
@ApplicationScoped
public class MetricsExtension {

    private static final Logger LOG = Logger.getLogger(MetricsExtension.class);
    static final String NAME = "claude-features-metrics";
    /** Left of an invocation's time when the extension stops waiting for its answer and publishes anyway. */
    static final Duration MARGIN = Duration.ofMillis(500);
    /** After a failed read of the Extensions API, before the next: the held metrics wait for the next answer. */
    private static final Duration RETRY_AFTER = Duration.ofMillis(500);

    private final DeferrableSink sink;
    private final LambdaConfig config;
    private final ObjectMapper json;
    private final InvocationEnds ends;

    @Inject
    MetricsExtension(DeferrableSink sink, LambdaConfig config, ObjectMapper json, InvocationEnds ends) {
        this.sink = sink;
        this.config = config;
        this.json = json;
        this.ends = ends;
    }

    /** Before the runtime's first {@code /next}: an internal extension registers during init or never. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        if (!config.metricsAfterResponse() || !sink.remote() || LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        RuntimeApi.ofEnvironment(json).ifPresent(this::register);
    }

    private void register(RuntimeApi api) {
        String id;
        try {
            id = api.register(NAME, List.of("INVOKE"));
        } catch (IOException | RuntimeException failure) {
            LOG.warnf("The metrics extension could not register (%s): metrics are published before each answer",
                    failure.toString());
            return;
        }
        sink.deferUntilFlushed();
        Thread loop = new Thread(() -> loop(api, id), "lambda-metrics-extension");
        loop.setDaemon(true);
        loop.start();
    }

    private void loop(RuntimeApi api, String id) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                RuntimeApi.ExtensionEvent event = api.nextEvent(id);
                if ("INVOKE".equals(event.type())) {
                    afterAnswer(event.requestId(), Instant.ofEpochMilli(event.deadlineEpochMillis()));
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException failure) {
                LOG.errorf("The Extensions API could not be read (%s); trying again", failure.toString());
                pause();
            }
        }
    }

    /** Waits for the answer of one invocation (never past its deadline), then publishes. */
    private void afterAnswer(String requestId, Instant deadline) throws InterruptedException {
        boolean answered = ends.awaitEnd(requestId, Duration.between(Instant.now(), deadline.minus(MARGIN)));
        if (!answered) {
            LOG.warnf("Invocation %s had not answered %d ms before its deadline; publishing its metrics now",
                    requestId, MARGIN.toMillis());
        }
        sink.flush();
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_AFTER.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
