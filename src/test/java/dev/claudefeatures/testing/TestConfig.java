package dev.claudefeatures.testing;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * The application's own {@code application.properties}, with overrides on top, read into config
 * mappings without starting Quarkus: for fast tests of configuration rules.
 */
public final class TestConfig {

    private TestConfig() {
    }

    public static SmallRyeConfig with(Map<String, String> overrides, Class<?>... mappings) {
        URL properties = TestConfig.class.getClassLoader().getResource("application.properties");
        try {
            SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(properties, 100))
                    .withSources(new MapBackedConfigSource("overrides", overrides, 500) {
                    })
                    // Quarkus reads durations such as "25s"; plain SmallRye only ISO-8601.
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withValidateUnknown(false);
            for (Class<?> mapping : mappings) {
                builder.withMapping(mapping);
            }
            return builder.build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
