package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.policy.FeaturesConfig;
import dev.claudefeatures.testing.FeatureDeployment;
import dev.claudefeatures.testing.TestConfig;
import io.smallrye.config.SmallRyeConfig;

/** A function serves the feature its environment names, or every feature when none is named. */
class FunctionFeatureTest {

    private static FunctionFeature with(Map<String, String> overrides) {
        SmallRyeConfig config = TestConfig.with(overrides, LambdaConfig.class, FeaturesConfig.class);
        return new FunctionFeature(config.getConfigMapping(LambdaConfig.class), config.getConfigMapping(FeaturesConfig.class));
    }

    @Test
    void aFunctionThatNamesItsFeatureServesItAlone() {
        assertThat(with(Map.of("lambda.feature", "chat")).served()).containsExactly("chat");
    }

    @Test
    void aFunctionThatNamesNoneServesEveryConfiguredFeature() {
        assertThat(with(Map.of()).served()).isEqualTo(FeatureDeployment.configuredFeatures());
    }

    @Test
    void aFeatureThatIsNotConfiguredStopsTheStartUpNamingTheKey() {
        assertThatThrownBy(() -> with(Map.of("lambda.feature", "sumarise")))
                .hasMessageContaining("lambda.feature (LAMBDA_FEATURE) names sumarise, which is not configured");
    }
}
