package dev.claudefeatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.policy.FeaturesConfig;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.testing.ExpandedTemplate;
import dev.claudefeatures.testing.FeatureDeployment;
import dev.claudefeatures.testing.TestConfig;
import io.smallrye.config.SmallRyeConfig;

/**
 * The {@code Provider} parameter, as the SAM transform expands the template: each feature function
 * is told its provider, and its policy allows what that provider needs and nothing of the others'
 * (no secret at all with {@code aws} or {@code bedrock}).
 */
class ProviderTemplateTest {

    @Test
    void onTheApiTheFunctionsReadTheKeysSecretAndNothingElse() throws Exception {
        ExpandedTemplate expanded = ExpandedTemplate.expand(Map.of());

        everyFeatureFunction(expanded, variables -> {
            assertThat(variables.path("ANTHROPIC_PROVIDER").asText()).isEqualTo("anthropic");
            assertThat(variables.path("ANTHROPIC_API_KEY_SECRET_ID").asText()).isEqualTo("claude-features/anthropic-api-key");
            assertThat(variables.has("ANTHROPIC_AWS_WORKSPACE_ID")).isFalse();
        });
        assertThat(actions(expanded)).containsExactlyInAnyOrder("secretsmanager:GetSecretValue", "cloudwatch:PutMetricData");
    }

    @Test
    void onClaudePlatformOnAwsTheyCallInTheirWorkspaceAndNoSecretIsReferenced() throws Exception {
        ExpandedTemplate expanded = ExpandedTemplate.expand(Map.of("Provider", "aws", "AwsWorkspaceId", "wrkspc_01"));

        everyFeatureFunction(expanded, variables -> {
            assertThat(variables.path("ANTHROPIC_PROVIDER").asText()).isEqualTo("aws");
            assertThat(variables.path("ANTHROPIC_AWS_WORKSPACE_ID").asText()).isEqualTo("wrkspc_01");
            assertThat(variables.has("ANTHROPIC_API_KEY_SECRET_ID")).isFalse();
        });
        assertThat(actions(expanded)).containsExactlyInAnyOrder("aws-external-anthropic:CreateInference",
                "aws-external-anthropic:CountTokens", "cloudwatch:PutMetricData");
        assertThat(resources(expanded, "aws-external-anthropic:CreateInference")).containsExactly(
                "arn:${AWS::Partition}:aws-external-anthropic:${AWS::Region}:${AWS::AccountId}:workspace/${AwsWorkspaceId}");
        assertThat(expanded.value(expanded.resources()).toString()).doesNotContain("secretsmanager");
    }

    @Test
    void onBedrockTheyInvokeEveryModelTheConfigurationCallsAndNoSecretIsReferenced() throws Exception {
        ExpandedTemplate expanded = ExpandedTemplate.expand(Map.of("Provider", "bedrock"));

        everyFeatureFunction(expanded, variables -> {
            assertThat(variables.path("ANTHROPIC_PROVIDER").asText()).isEqualTo("bedrock");
            assertThat(variables.has("ANTHROPIC_API_KEY_SECRET_ID")).isFalse();
        });
        assertThat(actions(expanded)).containsExactlyInAnyOrder("bedrock:InvokeModel",
                "bedrock:InvokeModelWithResponseStream", "bedrock:CountTokens", "cloudwatch:PutMetricData");
        List<String> allowed = resources(expanded, "bedrock:InvokeModelWithResponseStream");
        for (String modelId : bedrockModelIdsTheFeaturesCall()) {
            String foundationModel = modelId.replaceFirst("^(global|us|eu|apac)\\.", "");
            assertThat(allowed).as(modelId).contains(
                    "arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:inference-profile/" + modelId,
                    "arn:${AWS::Partition}:bedrock:*::foundation-model/" + foundationModel);
        }
        assertThat(expanded.value(expanded.resources()).toString()).doesNotContain("secretsmanager");
    }

    /** models.<id>.bedrock.model-id of each model a shipped feature calls, escalations included. */
    private static TreeSet<String> bedrockModelIdsTheFeaturesCall() {
        SmallRyeConfig config = TestConfig.with(Map.of(), FeaturesConfig.class, ModelCatalog.class);
        Map<String, ModelCatalog.ModelSpec> catalog = config.getConfigMapping(ModelCatalog.class).models();
        TreeSet<String> ids = new TreeSet<>();
        config.getConfigMapping(FeaturesConfig.class).features().values().forEach(feature -> {
            List<String> models = new ArrayList<>(List.of(feature.model()));
            feature.escalation().ifPresent(escalation -> models.add(escalation.model()));
            models.forEach(model -> ids.add(catalog.get(model).bedrock().orElseThrow().modelId()));
        });
        assertThat(ids).contains("global.anthropic.claude-sonnet-4-6");
        return ids;
    }

    private static void everyFeatureFunction(ExpandedTemplate expanded, java.util.function.Consumer<JsonNode> check) {
        for (String feature : FeatureDeployment.configuredFeatures()) {
            JsonNode variables = expanded.value(expanded.resources().path(FeatureDeployment.stem(feature) + "Function")
                    .path("Properties").path("Environment").path("Variables"));
            assertThat(variables.isObject()).as(feature).isTrue();
            check.accept(variables);
        }
    }

    private static List<JsonNode> statements(ExpandedTemplate expanded) {
        List<JsonNode> statements = new ArrayList<>();
        expanded.value(expanded.resources().path("FeatureFunctionPolicy").path("Properties").path("PolicyDocument")
                .path("Statement")).forEach(statements::add);
        return statements;
    }

    private static List<String> actions(ExpandedTemplate expanded) {
        List<String> actions = new ArrayList<>();
        statements(expanded).forEach(statement -> {
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(name -> actions.add(name.asText()));
            } else {
                actions.add(action.asText());
            }
        });
        return actions;
    }

    private static List<String> resources(ExpandedTemplate expanded, String action) {
        List<String> resources = new ArrayList<>();
        statements(expanded).stream().filter(statement -> statement.path("Action").toString().contains("\"" + action + "\""))
                .forEach(statement -> {
                    JsonNode resource = statement.path("Resource");
                    (resource.isArray() ? resource : List.of(resource)).forEach(one ->
                            resources.add(one.has("Fn::Sub") ? one.path("Fn::Sub").asText() : one.asText()));
                });
        return resources;
    }
}
