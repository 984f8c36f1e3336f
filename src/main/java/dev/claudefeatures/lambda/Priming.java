package dev.claudefeatures.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * warm path; the simulator's port is closed again before the snapshot is taken.
 */
@ApplicationScoped
@Unremovable // looked up by the runtimes, which CDI does not see
public class Priming {

    private static final Logger LOG = Logger.getLogger(Priming.class);
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
            case INIT -> prime(invoke);
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

            @Override
            public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
                // Nothing to undo: the endpoint was restored and the simulator stopped before the snapshot.
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
        // What the first real call needs that the rehearsal does not touch: the secret's client, the API's REST client.
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
            client.release(simulator.baseUri());
            if (startedHere) {
                standIn.stop();
            }
        }
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

    private static String sampleEvent(String feature) {
        try (InputStream in = Priming.class.getClassLoader().getResourceAsStream("lambda-events/" + feature + ".json")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            LOG.warnf("The sample event of %s could not be read for priming: %s", feature, unreadable.toString());
            return null;
        }
    }
}
