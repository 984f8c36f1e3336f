package dev.claudefeatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.features.classify.ClassifyTicketResource;
import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.policy.FeaturesConfig;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.simulator.SimulatorConfig;
import dev.claudefeatures.telemetry.TelemetryConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/** README's configuration table names every key of every config mapping, so the two cannot drift. */
class ConfigurationDocsTest {

    static final List<Class<?>> MAPPINGS = List.of(AnthropicConfig.class, SimulatorConfig.class, FeaturesConfig.class,
            ModelCatalog.class, TelemetryConfig.class,
            ClassifyTicketResource.Categories.class);

    @Test
    void readmeDocumentsEveryConfigurationKey() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> keys = new ArrayList<>();
        for (Class<?> mapping : MAPPINGS) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
        }

        assertThat(keys).hasSizeGreaterThan(20);
        assertThat(keys).allSatisfy(key -> assertThat(readme).as("README row for %s", key).contains("| `" + key + "` |"));
    }

    /** The keys of one mapping interface: kebab-case method names, maps as {@code <name>}, groups nested. */
    static void collect(String prefix, Class<?> group, List<String> keys) {
        for (Method method : group.getDeclaredMethods()) {
            if (method.isDefault() || method.isSynthetic() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Class<?> type = method.getReturnType();
            if (type == java.util.Optional.class && method.getGenericReturnType() instanceof ParameterizedType optional
                    && optional.getActualTypeArguments()[0] instanceof Class<?> nested && nested.isInterface()
                    && nested.getPackageName().startsWith("dev.claudefeatures")) {
                collect(prefix + "." + name(method), nested, keys);
                continue;
            }
            String key = method.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name(method);
            if (Map.class.isAssignableFrom(type)) {
                Class<?> value = (Class<?>) ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[1];
                String placeholder = prefix.equals("models") ? "<id>" : "<name>";
                collect(key + "." + placeholder, value, keys);
            } else if (type.isInterface() && type.getPackageName().startsWith("dev.claudefeatures")) {
                collect(key, type, keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static String name(Method method) {
        WithName name = method.getAnnotation(WithName.class);
        return name != null ? name.value() : method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
