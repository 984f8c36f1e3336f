package dev.claudefeatures.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.AnthropicEndpoint;
import dev.claudefeatures.messages.MessagesClient;
import dev.claudefeatures.messages.ReroutableEndpoint;
import dev.claudefeatures.messages.StandInEndpoint;
import dev.claudefeatures.policy.FeaturesConfig;
import dev.claudefeatures.telemetry.Rehearsal;
import io.quarkus.arc.Unremovable;

/**
 * Rehearses the function's own feature ({@link FunctionFeature}) through the whole path (the
 * runtime's handler, the REST server, the resource, the client, JSON and telemetry) so that the
 * first real invocation finds classes loaded and code compiled. The feature's sample event
 * ({@code infra/events/<feature>.json}, packaged as {@code lambda-events/}) is sent while the
 * client talks to the offline simulator and telemetry writes nothing: no call reaches the API, no
 * cost is recorded. A runtime that streams rehearses the event a second time as a caller that
 * reads the stream sends it ({@code Accept: text/event-stream}), so that the streamed path is
 * warm too.
 *
 * <p>With SnapStart this runs in the CRaC {@code beforeCheckpoint} hook, so the snapshot holds the
 * warm path; the simulator's port is closed again before the snapshot is taken. What no snapshot
 * can hold, the key and the connection to the API, is made ready after the restore
 * ({@code lambda.connect-ahead}), or with {@code lambda.priming=init} right after the rehearsal.
 * Owned here because Quarkus's SnapStart support preloads classes
 * ({@code META-INF/quarkus-preload-classes.txt}, which holds the Runtime Interface Client's) and
 * can start the application before the snapshot, but sends no request through it.
 */
@ApplicationScoped
@Unremovable // looked up by the runtimes, which CDI does not see
public class Priming {

    private static final Logger LOG = Logger.getLogger(Priming.class);
    /** Within Lambda's 10 s for a restore hook, with room to spare. */
    private static final Duration CONNECT_AHEAD_WITHIN = Duration.ofSeconds(3);
    /** Held by this bean, which the container holds: CRaC keeps only weak references to its resources. */
    private volatile org.crac.Resource snapshotHook;

    /** The header a caller that reads a stream sends, and the value of it. */
    private static final String ACCEPT = "accept";
    private static final String EVENT_STREAM = "text/event-stream";

    private final LambdaConfig config;
    private final FeaturesConfig features;
    private final FunctionFeature served;
    private final ObjectMapper json;
    private final ReroutableEndpoint endpoint;
    private final Instance<StandInEndpoint> standIns;
    private final Rehearsal rehearsal;
    private final MessagesClient client;

    @Inject
    Priming(LambdaConfig config, FeaturesConfig features, FunctionFeature served, ObjectMapper json,
            ReroutableEndpoint endpoint, Instance<StandInEndpoint> standIns, Rehearsal rehearsal, MessagesClient client) {
        this.config = config;
        this.features = features;
        this.served = served;
        this.json = json;
        this.endpoint = endpoint;
        this.standIns = standIns;
        this.rehearsal = rehearsal;
        this.client = client;
    }

    /**
     * Called by a runtime once the application can answer, before its first invocation: primes now,
     * registers to prime before the snapshot, or does nothing, as {@code lambda.priming} says.
     *
     * @param invoke hands an event to the application as the runtime would; returns the status
     * @param streams whether the runtime streams its answers: then the streamed path is rehearsed too
     */
    void schedule(ToIntFunction<String> invoke, boolean streams) {
        switch (config.priming()) {
            case INIT -> {
                prime(invoke, streams);
                connectAhead(CONNECT_AHEAD_WITHIN);
            }
            case SNAPSTART -> {
                if ("snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
                    snapshotHook = snapshotHook(invoke, streams);
                    org.crac.Core.getGlobalContext().register(snapshotHook);
                }
            }
            case OFF -> {
            }
        }
    }

    /** The CRaC resource that primes before the snapshot. */
    org.crac.Resource snapshotHook(ToIntFunction<String> invoke, boolean streams) {
        return new org.crac.Resource() {
            @Override
            public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
                prime(invoke, streams);
            }

            /** The endpoint was restored and the simulator stopped before the snapshot: only the API is left to reach. */
            @Override
            public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
                connectAhead(CONNECT_AHEAD_WITHIN);
            }
        };
    }

    /**
     * Sends each rehearsal ({@link #rehearsals}) {@code lambda.priming-rounds} times, against the
     * simulator, with recording muted; returns the status of each feature (its first failure, if any).
     */
    Map<String, Integer> prime(ToIntFunction<String> invoke, boolean streams) {
        if (!standIns.isResolvable()) {
            LOG.warn("Priming skipped: this build has no offline simulator to rehearse against");
            return Map.of();
        }
        long start = System.nanoTime();
        // What the first real call needs that the rehearsal does not touch: the secret's client.
        endpoint.prepare();
        StandInEndpoint standIn = standIns.get();
        // Offline, the simulator is already what the features talk to: it stays up.
        boolean startedHere = !standIn.answering();
        AnthropicEndpoint simulator = standIn.start();
        endpoint.rerouteTo(simulator);
        Map<String, Integer> statuses = new TreeMap<>();
        List<SampleEvent> rehearsals = rehearsals(served.served(), streams);
        try {
            rehearsal.during(() -> {
                for (int round = 0; round < config.primingRounds(); round++) {
                    rehearsals.forEach(one -> statuses.merge(one.feature(), invoke.applyAsInt(one.event()),
                            (before, now) -> before < 200 || before > 299 ? before : now));
                }
                return null;
            });
        } finally {
            endpoint.restore();
            if (startedHere) {
                standIn.stop();
            }
        }
        // The rehearsal's garbage goes now, not during the first invocations (nor into a snapshot).
        System.gc();
        List<String> failed = new ArrayList<>();
        statuses.forEach((feature, status) -> {
            if (status < 200 || status > 299) {
                failed.add(feature + " " + status);
            }
        });
        LOG.infof("Primed %d feature(s) against the offline simulator, %s, %d rehearsal(s) x %d round(s), in %d ms%s",
                statuses.size(), statuses.keySet(), rehearsals.size(), config.primingRounds(),
                (System.nanoTime() - start) / 1_000_000, failed.isEmpty() ? "" : "; not answered 2xx: " + failed);
        return statuses;
    }

    /**
     * Reads the key and opens the API's connection now, so that the first invocation finds both:
     * never before a snapshot (the key must not be in it, and a connection would not survive it).
     */
    void connectAhead(Duration within) {
        if (!config.connectAhead() || served.served().isEmpty()) {
            return;
        }
        // The model the function's feature calls: the count_tokens call warms that route.
        String model = features.features().get(served.served().get(0)).model();
        // On a thread of its own: the secret's read has timeouts of its own, longer than a
        // restore hook may take, and init must not wait for a slow Secrets Manager or API.
        Thread connecting = new Thread(() -> connect(model, within), "connect-ahead");
        connecting.setDaemon(true);
        connecting.start();
        try {
            connecting.join(within.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (connecting.isAlive()) {
            LOG.warnf("Still connecting to the API after %d ms; init goes on without waiting", within.toMillis());
        }
    }

    private void connect(String model, Duration within) {
        long start = System.nanoTime();
        try {
            client.connect(model, within);
            LOG.infof("Read the API key (or AWS credentials) and connected to the API ahead of the first "
                    + "invocation, in %d ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException failed) {
            LOG.warnf("Could not connect to the API ahead of the first invocation; its first call will try again: %s",
                    failed.getMessage());
        }
    }

    /** One event to rehearse, and the feature it is of. */
    record SampleEvent(String feature, String event) {
    }

    /**
     * The rehearsals of {@code features}: each one's sample event as it is and, where the runtime
     * {@code streams}, once more asking for {@code text/event-stream}. A feature without a packaged
     * sample event has none.
     */
    List<SampleEvent> rehearsals(List<String> features, boolean streams) {
        List<SampleEvent> rehearsals = new ArrayList<>();
        for (String feature : features) {
            String event = sampleEvent(feature);
            if (event != null) {
                rehearsals.add(new SampleEvent(feature, event));
                if (streams) {
                    rehearsals.add(new SampleEvent(feature, askingForTheStream(event)));
                }
            }
        }
        return rehearsals;
    }

    /** The event with {@code Accept: text/event-stream}, as a caller that reads the stream sends it. */
    private String askingForTheStream(String event) {
        try {
            ObjectNode read = (ObjectNode) json.readTree(event);
            JsonNode headers = read.path("headers");
            (headers instanceof ObjectNode object ? object : read.putObject("headers")).put(ACCEPT, EVENT_STREAM);
            return json.writeValueAsString(read);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static String sampleEvent(String feature) {
        try (InputStream in = Priming.class.getClassLoader().getResourceAsStream("lambda-events/" + feature + ".json")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            LOG.warnf("The sample event of %s could not be read for priming: %s", feature, unreadable.toString());
            return null;
        }
    }
}
