package dev.claudefeatures.lambda;

import java.io.IOException;
import java.io.InputStream;
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

import dev.claudefeatures.messages.AnthropicEndpoint;
import dev.claudefeatures.messages.MessagesClient;
import dev.claudefeatures.messages.ReroutableEndpoint;
import dev.claudefeatures.messages.StandInEndpoint;
import dev.claudefeatures.policy.FeaturesConfig;
import dev.claudefeatures.telemetry.Rehearsal;
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;

/**
 * Rehearses every feature once through the whole path (the runtime's handler, the REST server, the
 * resource, the client, JSON and telemetry) so that the first real invocation finds classes loaded
 * and code compiled. Each feature's sample event ({@code infra/events/<feature>.json}, packaged as
 * {@code lambda-events/}) is sent while the client talks to the offline simulator and telemetry
 * writes nothing: no call reaches the API, no cost is recorded.
 *
 * <p>With SnapStart this runs in the CRaC {@code beforeCheckpoint} hook, so the snapshot holds the
 * warm path; the simulator's port is closed again before the snapshot is taken. What no snapshot
 * can hold, the key and the connection to the API, is made ready after the restore
 * ({@code lambda.connect-ahead}), or with {@code lambda.priming=init} right after the rehearsal.
 */
@ApplicationScoped
@Unremovable // looked up by the runtimes, which CDI does not see
public class Priming {

    private static final Logger LOG = Logger.getLogger(Priming.class);
    /** Within Lambda's 10 s for a restore hook, with room to spare. */
    private static final Duration CONNECT_AHEAD_WITHIN = Duration.ofSeconds(3);
    /**
     * Classes of the Lambda Runtime Interface Client that its first invocation loads, and which a
     * rehearsal through the handler cannot reach: the invocation's context and the X-Ray trace
     * id's holder (seen with {@code -Xlog:class+load} on the packaged function). Loaded here,
     * where they are on the class path; a runtime without them loses nothing.
     */
    private static final List<String> RUNTIME_CLASSES = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext",
            "com.amazonaws.services.lambda.runtime.LambdaRuntimeInternal",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");
    /** Strongly held: CRaC keeps only weak references to the resources registered with it. */
    private static volatile org.crac.Resource snapshotHook;

    private final LambdaConfig config;
    private final FeaturesConfig features;
    private final ReroutableEndpoint endpoint;
    private final Instance<StandInEndpoint> standIns;
    private final Rehearsal rehearsal;
    private final MessagesClient client;

    @Inject
    Priming(LambdaConfig config, FeaturesConfig features, ReroutableEndpoint endpoint,
            Instance<StandInEndpoint> standIns, Rehearsal rehearsal, MessagesClient client) {
        this.config = config;
        this.features = features;
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
     */
    static void whenDue(ToIntFunction<String> invoke) {
        Arc.container().instance(Priming.class).get().schedule(invoke);
    }

    void schedule(ToIntFunction<String> invoke) {
        switch (config.priming()) {
            case INIT -> {
                prime(invoke);
                connectAhead(CONNECT_AHEAD_WITHIN);
            }
            case SNAPSTART -> {
                if ("snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
                    snapshotHook = snapshotHook(invoke);
                    org.crac.Core.getGlobalContext().register(snapshotHook);
                }
            }
            case OFF -> {
            }
        }
    }

    /** The CRaC resource that primes before the snapshot. */
    org.crac.Resource snapshotHook(ToIntFunction<String> invoke) {
        return new org.crac.Resource() {
            @Override
            public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
                prime(invoke);
            }

            /** The endpoint was restored and the simulator stopped before the snapshot: only the API is left to reach. */
            @Override
            public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
                connectAhead(CONNECT_AHEAD_WITHIN);
            }
        };
    }

    /** Sends each feature's sample event once, against the simulator, with recording muted. */
    Map<String, Integer> prime(ToIntFunction<String> invoke) {
        if (!standIns.isResolvable()) {
            LOG.warn("Priming skipped: this build has no offline simulator to rehearse against");
            return Map.of();
        }
        long start = System.nanoTime();
        // What the first real call needs that the rehearsal does not touch: the secret's client, the API's HTTP client.
        endpoint.prepare();
        client.prepare();
        StandInEndpoint standIn = standIns.get();
        // Offline, the simulator is already what the features talk to: it stays up.
        boolean startedHere = !standIn.answering();
        AnthropicEndpoint simulator = standIn.start();
        endpoint.rerouteTo(simulator);
        Map<String, Integer> statuses = new TreeMap<>();
        try {
            rehearsal.during(() -> {
                Map<String, String> events = new TreeMap<>();
                features.features().keySet().forEach(feature -> {
                    String event = sampleEvent(feature);
                    if (event != null) {
                        events.put(feature, event);
                    }
                });
                for (int round = 0; round < config.primingRounds(); round++) {
                    events.forEach((feature, event) -> statuses.merge(feature, invoke.applyAsInt(event),
                            (before, now) -> before < 200 || before > 299 ? before : now));
                }
                return null;
            });
        } finally {
            endpoint.restore();
            client.closeConnections();
            if (startedHere) {
                standIn.stop();
            }
        }
        loadRuntimeClasses();
        // The rehearsal's garbage goes now, not during the first invocations (nor into a snapshot).
        System.gc();
        List<String> failed = new ArrayList<>();
        statuses.forEach((feature, status) -> {
            if (status < 200 || status > 299) {
                failed.add(feature + " " + status);
            }
        });
        LOG.infof("Primed %d feature(s) against the offline simulator, %d round(s), in %d ms%s", statuses.size(),
                config.primingRounds(), (System.nanoTime() - start) / 1_000_000, failed.isEmpty() ? "" : "; not answered 2xx: " + failed);
        return statuses;
    }

    /**
     * Reads the key and opens the API's connection now, so that the first invocation finds both:
     * never before a snapshot (the key must not be in it, and a connection would not survive it).
     */
    void connectAhead(Duration within) {
        if (!config.connectAhead() || features.features().isEmpty()) {
            return;
        }
        String model = features.features().values().iterator().next().model();
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
            LOG.infof("Read the API key and connected to the API ahead of the first invocation, in %d ms",
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException failed) {
            LOG.warnf("Could not connect to the API ahead of the first invocation; its first call will try again: %s",
                    failed.getMessage());
        }
    }

    private static void loadRuntimeClasses() {
        for (String name : RUNTIME_CLASSES) {
            try {
                Class.forName(name, true, Priming.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError absent) {
                LOG.debugf("Not preloaded, not on this runtime's class path: %s", name);
            }
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
