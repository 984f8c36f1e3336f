package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.messages.BedrockRoute;
import dev.claudefeatures.messages.Provider;
import dev.claudefeatures.telemetry.TokenPrices;
import dev.claudefeatures.testing.TestConfig;

/**
 * {@code anthropic.provider} and what each provider needs, checked at start-up with every other
 * rule: every problem named at once, before a call could fail on it.
 */
class ProviderConfigurationTest {

    private static final Map<String, String> BEDROCK = Map.of("anthropic.provider", "bedrock",
            "anthropic.aws.region", "us-east-1");

    @Test
    void theShippedConfigurationRunsOnEveryProvider() {
        assertThat(PolicyConfigurationTest.problems(Map.of())).isEmpty();
        assertThat(PolicyConfigurationTest.problems(Map.of("anthropic.provider", "aws", "anthropic.aws.region",
                "eu-west-1", "anthropic.aws.workspace-id", "wrkspc_01"))).isEmpty();
        assertThat(PolicyConfigurationTest.problems(BEDROCK)).isEmpty();
    }

    @Test
    void claudePlatformOnAwsWithoutRegionOrWorkspaceButWithASecretIsRefusedNamingAllThree() {
        assumeTrue(System.getenv("AWS_REGION") == null, "AWS_REGION would give the region");

        assertThat(PolicyConfigurationTest.problems(Map.of("anthropic.provider", "aws",
                "anthropic.api-key-secret-id", "claude-features/anthropic-api-key"))).containsExactly(
                "anthropic.aws.region: required with anthropic.provider=aws (in Lambda, AWS_REGION sets it)",
                "anthropic.aws.workspace-id: required with anthropic.provider=aws (ANTHROPIC_AWS_WORKSPACE_ID), sent as "
                        + "anthropic-workspace-id",
                "anthropic.api-key-secret-id: not read with anthropic.provider=aws, which signs with the AWS "
                        + "credentials of the function's role; remove it");
    }

    @Test
    void anUnknownProviderIsRefusedNamingTheOnesThereAre() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PolicyConfigurationTest.problems(
                Map.of("anthropic.provider", "vertex")))
                .hasStackTraceContaining("anthropic.provider").hasStackTraceContaining("vertex");
    }

    @Test
    void onBedrockEveryModelAFeatureCallsNeedsItsBedrockIdEscalationsToo() {
        Map<String, String> settings = new HashMap<>(BEDROCK);
        settings.put("features.summarise.model", "claude-sonnet-5");
        settings.put("features.classify-ticket.escalation.model", "claude-opus-5-5");

        List<String> problems = PolicyConfigurationTest.problems(settings);

        assertThat(problems).containsExactlyInAnyOrder(
                "models.claude-sonnet-5.bedrock.model-id: required with anthropic.provider=bedrock, which "
                        + "features.summarise.model calls it on (Bedrock's model id or inference profile, e.g. "
                        + "global.anthropic.claude-sonnet-5)",
                "models.claude-opus-5-5.bedrock.model-id: required with anthropic.provider=bedrock, which "
                        + "features.classify-ticket.escalation.model calls it on (Bedrock's model id or inference "
                        + "profile, e.g. global.anthropic.claude-opus-5-5)");
        assertThat(PolicyConfigurationTest.problems(Map.of("features.summarise.model", "claude-sonnet-5")))
                .as("the API needs no Bedrock id").isEmpty();
    }

    @Test
    void automaticCachingIsRefusedOnInvokeModelAndTakenOnBedrocksMessagesRoute() {
        Map<String, String> settings = new HashMap<>(BEDROCK);
        settings.put("features.summarise.cache.automatic", "5m");

        assertThat(PolicyConfigurationTest.problems(settings)).singleElement().asString()
                .startsWith("features.summarise.cache.automatic: Bedrock's InvokeModel route "
                        + "(models.claude-sonnet-4-6.bedrock.route) takes no top-level cache_control");

        settings.put("models.claude-sonnet-4-6.bedrock.route", "messages");
        assertThat(PolicyConfigurationTest.problems(settings)).isEmpty();
    }

    @Test
    void onBedrockACallCostsTheCatalogsPricesTimesTheModelIdsMultiplierWithoutInferenceGeo() {
        ModelCatalog.ModelSpec sonnet = TestConfig.with(Map.of("models.claude-sonnet-4-6.bedrock.model-id",
                "us.anthropic.claude-sonnet-4-6", "models.claude-sonnet-4-6.bedrock.price-multiplier", "1.1"),
                ModelCatalog.class).getConfigMapping(ModelCatalog.class).models().get("claude-sonnet-4-6");

        TokenPrices onBedrock = FeaturePolicy.prices(sonnet, Provider.BEDROCK);
        TokenPrices onTheApi = FeaturePolicy.prices(sonnet, Provider.ANTHROPIC);

        assertThat(sonnet.bedrock().orElseThrow().route()).isEqualTo(BedrockRoute.INVOKE);
        assertThat(onBedrock.input()).isEqualByComparingTo("3.3");
        assertThat(onBedrock.cacheWrite5m()).isEqualByComparingTo("4.125");
        assertThat(onBedrock.cacheWrite1h()).isEqualByComparingTo("6.6");
        assertThat(onBedrock.cacheRead()).isEqualByComparingTo("0.33");
        assertThat(onBedrock.output()).isEqualByComparingTo("16.5");
        assertThat(onBedrock.geoMultipliers()).as("Bedrock has no inference_geo").isEmpty();
        assertThat(onTheApi.input()).isEqualByComparingTo("3");
        assertThat(onTheApi.multiplierFor("us")).isEqualByComparingTo("1.1");
        assertThat(FeaturePolicy.prices(TestConfig.with(Map.of(), ModelCatalog.class).getConfigMapping(ModelCatalog.class)
                .models().get("claude-sonnet-4-6"), Provider.BEDROCK).input())
                .as("the shipped global profile: the API's price").isEqualByComparingTo("3");
    }
}
