package dev.claudefeatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * docs/CONFIGURATION.md's table names every key of every config mapping of the application, with
 * the environment variable that sets it, so the two cannot drift. The mappings are found in the compiled classes, not listed here.
 */
class ConfigurationDocsTest {

    /** Every {@code @ConfigMapping} interface under {@code target/classes}. */
    static List<Class<?>> mappings() throws IOException {
        Path classes = Path.of("target", "classes");
        List<Class<?>> mappings = new ArrayList<>();
        try (var files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, ConfigurationDocsTest.class.getClassLoader());
                    if (type.isAnnotationPresent(ConfigMapping.class)) {
                        mappings.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError notLoadable) {
                    // generated or build-time classes that the test class path does not hold
                }
            }
        }
        return mappings;
    }

    @Test
    void theConfigurationPageDocumentsEveryKeyWithItsEnvironmentVariable() throws IOException {
        String readme = Files.readString(Path.of("docs", "CONFIGURATION.md"));
        List<Class<?>> mappings = mappings();
        List<String> keys = new ArrayList<>();
        for (Class<?> mapping : mappings) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
        }

        assertThat(mappings).extracting(Class::getSimpleName)
                .contains("AnthropicConfig", "FeaturesConfig", "ModelCatalog", "TelemetryConfig", "SimulatorConfig");
        assertThat(keys).contains("features.<name>.enums.<property>", "models.<id>.prices.input", "anthropic.offline");
        assertThat(keys).allSatisfy(key -> assertThat(readme).as("docs/CONFIGURATION.md row for %s", key)
                .contains("| `" + key + "` | `" + environmentVariable(key) + "` |"));
    }

    /** MicroProfile Config's rule: upper case, every character other than a letter or digit as {@code _}. */
    static String environmentVariable(String key) {
        return key.replaceAll("[^A-Za-z0-9<>]", "_").toUpperCase();
    }

    /** The keys of one mapping interface: kebab-case method names, maps as {@code <name>}, groups nested. */
    static void collect(String prefix, Class<?> group, List<String> keys) {
        for (Method method : group.getDeclaredMethods()) {
            if (method.isDefault() || method.isSynthetic() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String key = method.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name(method);
            collectValue(key, method.getGenericReturnType(), keys);
        }
    }

    private static void collectValue(String key, Type type, List<String> keys) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == Optional.class) {
            collectValue(key, ((ParameterizedType) type).getActualTypeArguments()[0], keys);
        } else if (Map.class.isAssignableFrom(raw)) {
            collectValue(key + "." + placeholder(key), ((ParameterizedType) type).getActualTypeArguments()[1], keys);
        } else if (raw.isInterface() && raw.getPackageName().startsWith("dev.claudefeatures")) {
            collect(key, raw, keys);
        } else {
            keys.add(key);
        }
    }

    private static String placeholder(String key) {
        if (key.equals("models")) {
            return "<id>";
        }
        return key.endsWith(".enums") ? "<property>" : "<name>";
    }

    private static String name(Method method) {
        WithName name = method.getAnnotation(WithName.class);
        return name != null ? name.value() : method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
