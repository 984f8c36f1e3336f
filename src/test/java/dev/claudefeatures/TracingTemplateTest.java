package dev.claudefeatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.testing.ExpandedTemplate;
import dev.claudefeatures.testing.FeatureDeployment;

/**
 * Traces are off unless {@code TracingLayerArn} names the ADOT collector layer: then every feature
 * function carries the layer, X-Ray active tracing and {@code OTEL_SDK_DISABLED=false}, and the chat
 * function keeps its own exec wrapper. As the SAM transform expands the template.
 */
class TracingTemplateTest {

    private static final String LAYER = "arn:aws:lambda:eu-west-1:901920570463:layer:aws-otel-collector-amd64-ver-0-117-0:1";

    @Test
    void byDefaultNoFunctionHasALayerOrActiveTracingAndTheSdkIsOff() throws Exception {
        ExpandedTemplate expanded = ExpandedTemplate.expand(Map.of());

        assertThat(expanded.condition("TracingOn")).isFalse();
        for (String feature : FeatureDeployment.configuredFeatures()) {
            JsonNode properties = properties(expanded, feature);
            assertThat(properties.has("Layers")).as(feature).isFalse();
            // Lambda's own default: a trace header is passed on, no segment is recorded.
            assertThat(properties.path("TracingConfig").path("Mode").asText()).as(feature).isEqualTo("PassThrough");
            assertThat(properties.path("Environment").path("Variables").path("OTEL_SDK_DISABLED").asText()).as(feature)
                    .isEqualTo("true");
        }
    }

    @Test
    void withTheCollectorLayerEveryFeatureFunctionExportsToItUnderActiveTracing() throws Exception {
        ExpandedTemplate expanded = ExpandedTemplate.expand(Map.of("TracingLayerArn", LAYER));

        assertThat(expanded.condition("TracingOn")).isTrue();
        for (String feature : FeatureDeployment.configuredFeatures()) {
            JsonNode properties = properties(expanded, feature);
            assertThat(properties.path("Layers").toString()).as(feature).isEqualTo("[\"" + LAYER + "\"]");
            assertThat(properties.path("TracingConfig").path("Mode").asText()).as(feature).isEqualTo("Active");
            assertThat(properties.path("Environment").path("Variables").path("OTEL_SDK_DISABLED").asText()).as(feature)
                    .isEqualTo("false");
        }
        JsonNode chat = properties(expanded, "chat").path("Environment").path("Variables");
        assertThat(chat.path("AWS_LAMBDA_EXEC_WRAPPER").asText()).isEqualTo("/var/task/stream-runtime");
    }

    private static JsonNode properties(ExpandedTemplate expanded, String feature) {
        return expanded.value(expanded.resources().path(FeatureDeployment.stem(feature) + "Function")
                .path("Properties"));
    }
}
