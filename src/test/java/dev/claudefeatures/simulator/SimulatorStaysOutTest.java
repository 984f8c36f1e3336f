package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.messages.AnthropicEndpoint;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With a key and offline off, the simulator is a plug-in that is never created and never listens. */
@QuarkusTest
@TestProfile(SimulatorStaysOutTest.Online.class)
class SimulatorStaysOutTest {

    static final int SIMULATOR_PORT = freePort();

    public static class Online implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("anthropic.api-key", "sk-ant-test-online", "anthropic.offline", "false",
                    "anthropic.base-url", "http://127.0.0.1:9", "anthropic.simulator.port",
                    Integer.toString(SIMULATOR_PORT));
        }
    }

    @Inject
    AnthropicEndpoint endpoint;

    @Test
    void theClientTalksToTheConfiguredApi() {
        assertThat(endpoint.baseUri().toString()).isEqualTo("http://127.0.0.1:9");
        assertThat(endpoint.apiKey()).isEqualTo("sk-ant-test-online");
    }

    @Test
    void noSimulatorBeanIsCreated() {
        List<InjectableBean<?>> created = new java.util.ArrayList<>();
        for (Class<? extends java.lang.annotation.Annotation> scope : List.of(ApplicationScoped.class, Singleton.class)) {
            created.addAll(Arc.container().getActiveContext(scope).getState().getContextualInstances().keySet());
        }

        assertThat(created).isNotEmpty();
        assertThat(created).extracting(bean -> bean.getBeanClass().getPackageName())
                .doesNotContain(SimulatorStaysOutTest.class.getPackageName());
    }

    @Test
    void noSimulatorPortIsOpened() {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", SIMULATOR_PORT), 1000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
