package dev.claudefeatures.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.AnthropicEndpoint;
import dev.claudefeatures.messages.StandInEndpoint;
import dev.claudefeatures.messages.StandInFactory;
import dev.claudefeatures.policy.ModelCatalog;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import io.vertx.core.Vertx;

/**
 * The offline simulator for a tool that runs outside Quarkus (the {@code evaluate} command): the
 * same server and stand-in that dev mode starts, on a Vert.x of its own. Found through
 * {@link StandInFactory} (META-INF/services), never named by the tool.
 */
public final class StandAloneSimulator implements StandInFactory {

    /** Above every other source: a tool's simulator always takes a free port, never a dev server's. */
    private static final int FREE_PORT_ORDINAL = Integer.MAX_VALUE;

    /** For {@link java.util.ServiceLoader}. */
    public StandAloneSimulator() {
    }

    @Override
    public StandInEndpoint create(Config config) {
        SmallRyeConfig own = ownConfig(config);
        Vertx vertx = Vertx.vertx();
        SimulatorConfig simulatorConfig = own.getConfigMapping(SimulatorConfig.class);
        OfflineSimulator simulator = new OfflineSimulator(simulatorConfig, vertx,
                own.getConfigMapping(ModelCatalog.class), new ObjectMapper());
        return new Running(new SimulatorStandIn(simulator, own.getConfigMapping(AnthropicConfig.class),
                simulatorConfig), vertx);
    }

    /** The tool's configuration sources, read into the mappings the simulator needs, on a free port. */
    private static SmallRyeConfig ownConfig(Config config) {
        List<ConfigSource> sources = new ArrayList<>();
        config.getConfigSources().forEach(sources::add);
        sources.add(new MapBackedConfigSource("stand-alone simulator", Map.of("anthropic.simulator.port", "0"),
                FREE_PORT_ORDINAL) {
        });
        return new SmallRyeConfigBuilder()
                .withSources(sources)
                // Durations as the application reads them ("2s"); plain SmallRye reads only ISO-8601.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(SimulatorConfig.class).withMapping(ModelCatalog.class).withMapping(AnthropicConfig.class)
                .withValidateUnknown(false)
                .build();
    }

    /** The stand-in, and the Vert.x it alone uses: stopping it closes both. */
    private record Running(SimulatorStandIn standIn, Vertx vertx) implements StandInEndpoint {

        @Override
        public String describe() {
            return standIn.describe();
        }

        @Override
        public AnthropicEndpoint start() {
            return standIn.start();
        }

        @Override
        public boolean answering() {
            return standIn.answering();
        }

        @Override
        public void stop() {
            standIn.stop();
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception notClosed) {
                throw new IllegalStateException("the offline simulator's Vert.x did not close", notClosed);
            }
        }
    }
}
