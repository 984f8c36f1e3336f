package dev.claudefeatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.policy.FeaturesConfig;
import dev.claudefeatures.testing.TestConfig;

/**
 * README's feature table has one row per configured feature, with the model, {@code max_tokens}
 * and sample event the configuration gives it: derived from the configuration, not listed here.
 */
class FeaturesDocsTest {

    @Test
    void readmesFeatureTableMatchesTheConfiguredFeatures() throws IOException {
        Map<String, FeaturesConfig.Settings> features = TestConfig.with(Map.of(), FeaturesConfig.class)
                .getConfigMapping(FeaturesConfig.class).features();
        Map<String, String> rows = featureRows(Files.readString(Path.of("README.md")));

        assertThat(features).isNotEmpty();
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(features.keySet());
        features.forEach((name, policy) -> assertThat(rows.get(name)).as("README row of %s", name)
                .contains("`" + policy.model() + "`, " + policy.maxTokens())
                .contains("`infra/events/" + name + ".json`"));
    }

    /** The rows of the table under "## Features", by their first cell. */
    private static Map<String, String> featureRows(String readme) {
        String section = readme.substring(readme.indexOf("## Features"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| feature ")) {
                rows.put(line.split("\\|")[1].strip(), line);
            }
        }
        return rows;
    }
}
