package dev.claudefeatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.testing.ExpandedTemplate;
import dev.claudefeatures.testing.FeatureDeployment;
import dev.claudefeatures.testing.SamTemplate;

/**
 * Every configured feature is deployed whole by {@code template.yaml}: function, route or Function
 * URL with IAM auth, log group with retention, both cost-per-call alarms, its place in the spend
 * brake and the saved queries, dashboard widgets, URL output, sample event and samples file. The
 * features come from the configuration, so a feature added there alone fails here with the list
 * of what it lacks; and what is asserted is also checked as the SAM transform expands the
 * template, i.e. what CloudFormation would create, under both runtimes.
 */
class DeployedFeaturesTest {

    private static final String STREAM_WRAPPER = "/var/task/stream-runtime";

    @Test
    void everyConfiguredFeatureIsDeployedWhole() throws IOException {
        FeatureDeployment deployment = new FeatureDeployment(SamTemplate.read(Map.of()));
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (String feature : FeatureDeployment.configuredFeatures()) {
            List<String> pieces = deployment.missingPieces(feature);
            if (!pieces.isEmpty()) {
                missing.put(feature, pieces);
            }
        }

        assertThat(FeatureDeployment.configuredFeatures()).isNotEmpty();
        assertThat(missing).as("what template.yaml and infra/ lack, by feature").isEmpty();
    }

    @Test
    void aFeatureThatIsOnlyConfiguredIsToldEachPieceItLacks() throws IOException {
        List<String> missing = new FeatureDeployment(SamTemplate.read(Map.of())).missingPieces("translate");

        assertThat(missing).anyMatch(piece -> piece.startsWith("function TranslateFunction"))
                .anyMatch(piece -> piece.startsWith("sample event infra/events/translate.json"))
                .anyMatch(piece -> piece.startsWith("LAMBDA_FEATURE: translate in the Environment of TranslateFunction"))
                .anyMatch(piece -> piece.startsWith("log group TranslateLogGroup"))
                .anyMatch(piece -> piece.startsWith("alarm TranslateCostPerCallAnomalyAlarm"))
                .anyMatch(piece -> piece.startsWith("alarm TranslateCostPerCallAlarm"))
                .anyMatch(piece -> piece.startsWith("parameter TranslateCostPerCallBaselineUSD"))
                .anyMatch(piece -> piece.startsWith("TranslateFunction in SpendBrakeFunction's BRAKE_FUNCTIONS"))
                .anyMatch(piece -> piece.startsWith("TranslateLogGroup in the LogGroupNames of the saved query"))
                .anyMatch(piece -> piece.equals("output TranslateUrl"))
                .anyMatch(piece -> piece.startsWith("samples file infra/samples/translate.jsonl"));
    }

    @Test
    void aFeatureWhoseRequestsGetACacheBreakpointIsToldItLacksItsCacheLossAlarm() throws IOException {
        SamTemplate template = SamTemplate.read(Map.of());
        List<String> cached = FeatureDeployment.cachedFeatures();
        String feature = cached.get(0);
        String alarm = FeatureDeployment.stem(feature) + "CacheLossAlarm";
        ((com.fasterxml.jackson.databind.node.ObjectNode) template.resources()).remove(alarm);

        assertThat(new FeatureDeployment(template).missingPieces(feature)).singleElement().asString()
                .startsWith("alarm " + alarm + " (Sum of CacheNetSavingUSD by Feature=" + feature);
    }

    @Test
    void onlyFeaturesWhoseRequestsGetACacheBreakpointHaveACacheLossAlarm() throws IOException {
        SamTemplate template = SamTemplate.read(Map.of());
        List<String> cached = FeatureDeployment.cachedFeatures();
        List<String> uncached = FeatureDeployment.configuredFeatures().stream()
                .filter(feature -> !cached.contains(feature)).toList();

        assertThat(cached).as("features with a breakpoint that is placed").isNotEmpty();
        assertThat(uncached).as("features whose breakpoints (a short prompt's) are never placed").isNotEmpty();
        for (String feature : uncached) {
            assertThat(template.resources().has(FeatureDeployment.stem(feature) + "CacheLossAlarm")).as(feature)
                    .isFalse();
        }
        for (String feature : cached) {
            JsonNode alarm = template.resources().path(FeatureDeployment.stem(feature) + "CacheLossAlarm");
            assertThat(alarm.path("Properties").path("Period").asText()).as(feature).isEqualTo("CacheLossWindowSeconds");
        }
    }

    @Test
    void theCacheLossWindowIsADayByDefault() throws Exception {
        ExpandedTemplate expanded = ExpandedTemplate.expand(Map.of());
        String alarm = FeatureDeployment.stem(FeatureDeployment.cachedFeatures().get(0)) + "CacheLossAlarm";

        assertThat(expanded.value(expanded.resources().path(alarm).path("Properties").path("Period")).asText())
                .isEqualTo("86400");
    }

    /** As CloudFormation gets it on the default (JVM) runtime. */
    @Test
    void asSamExpandsItEachFeatureHasAFunctionOnJava21WithSnapStartBehindIamAuth() throws Exception {
        ExpandedTemplate expanded = ExpandedTemplate.expand(Map.of());
        JsonNode api = expanded.resources().path("HttpApi").path("Properties").path("Body").path("paths");

        for (String feature : FeatureDeployment.configuredFeatures()) {
            String function = FeatureDeployment.stem(feature) + "Function";
            JsonNode properties = expanded.value(expanded.resources().path(function).path("Properties"));
            assertThat(expanded.resources().path(function).path("Type").asText()).as(function).isEqualTo("AWS::Lambda::Function");
            assertThat(properties.path("Runtime").asText()).as(function).isEqualTo("java21");
            assertThat(properties.path("ReservedConcurrentExecutions").asText()).as(function).isEqualTo("10");
            assertThat(properties.path("Environment").path("Variables").path("LAMBDA_FEATURE").asText())
                    .as("%s names its feature beside the Globals' variables", function).isEqualTo(feature);
            assertThat(properties.path("Environment").path("Variables").path("TELEMETRY_SINK").isMissingNode())
                    .as(function).isFalse();
            assertThat(expanded.resources().path(function + "Aliaslive").path("Type").asText()).as(function)
                    .isEqualTo("AWS::Lambda::Alias");

            String routeKey = FeatureDeployment.routeKey(feature);
            if ("$default".equals(routeKey)) {
                JsonNode url = expanded.resources().path(function + "Url").path("Properties");
                assertThat(url.path("AuthType").asText()).as(function).isEqualTo("AWS_IAM");
                assertThat(url.path("InvokeMode").asText()).as(function).isEqualTo("RESPONSE_STREAM");
                assertThat(url.path("TargetFunctionArn").path("Ref").asText()).isEqualTo(function + "Aliaslive");
                assertThat(properties.path("Environment").path("Variables").path("AWS_LAMBDA_EXEC_WRAPPER").asText())
                        .as(function).isEqualTo(STREAM_WRAPPER);
            } else {
                String[] methodAndPath = routeKey.split(" ");
                JsonNode operation = api.path(methodAndPath[1]).path(methodAndPath[0].toLowerCase());
                assertThat(operation.path("security").toString()).as(routeKey).isEqualTo("[{\"AWS_IAM\":[]}]");
                assertThat(operation.path("x-amazon-apigateway-integration").path("uri").toString()).as(routeKey)
                        .contains("${" + function + "Aliaslive}");
                assertThat(properties.path("SnapStart").path("ApplyOn").asText()).as(function)
                        .isEqualTo("PublishedVersions");
            }
        }
    }

    /**
     * The native opt-in is complete by construction: every function that streams keeps the JVM
     * package and its exec wrapper (provided.al2023 applies none, and a native executable starts
     * Quarkus's buffering poll loop), every other feature runs the executable that Quarkus packages
     * as {@code bootstrap}.
     */
    @Test
    void underTheNativeRuntimeTheStreamingFunctionKeepsTheJvmPackageAndTheOthersRunTheExecutable() throws Exception {
        ExpandedTemplate expanded = ExpandedTemplate.expand(Map.of("FunctionRuntime", "native"));
        SamTemplate source = SamTemplate.read(Map.of("FunctionRuntime", "native"));
        int streaming = 0;

        for (String feature : FeatureDeployment.configuredFeatures()) {
            String function = FeatureDeployment.stem(feature) + "Function";
            JsonNode properties = expanded.value(expanded.resources().path(function).path("Properties"));
            JsonNode sourceProperties = source.resources().path(function).path("Properties");
            if ("$default".equals(FeatureDeployment.routeKey(feature))) {
                streaming++;
                assertThat(properties.path("Runtime").asText()).as(function).isEqualTo("java21");
                assertThat(properties.path("Handler").asText()).as(function).endsWith("::handleRequest");
                assertThat(properties.path("Environment").path("Variables").path("AWS_LAMBDA_EXEC_WRAPPER").asText())
                        .as(function).isEqualTo(STREAM_WRAPPER);
                assertThat(sourceProperties.path("CodeUri").asText()).as(function).isEqualTo("target/jvm/function.zip");
            } else {
                assertThat(properties.path("Runtime").asText()).as(function).isEqualTo("provided.al2023");
                assertThat(properties.has("SnapStart")).as(function).isFalse();
                assertThat(properties.path("Environment").path("Variables").path("DISABLE_SIGNAL_HANDLERS").asText())
                        .as(function).isEqualTo("true");
                assertThat(sourceProperties.has("CodeUri")).as(function + " takes the global package").isFalse();
            }
        }
        assertThat(source.globalFunction().path("CodeUri").asText()).isEqualTo("target/function.zip");
        assertThat(streaming).as("functions that stream").isPositive();
        // Quarkus names the executable `bootstrap` unless src/main/zip.native brings its own.
        assertThat(java.nio.file.Path.of("src", "main", "zip.native", "bootstrap")).doesNotExist();
    }

    @Test
    void theDefaultRuntimeIsTheTestedOneInTheTemplateAndTheDeployConfiguration() throws IOException {
        JsonNode runtime = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(java.nio.file.Files.readString(java.nio.file.Path.of("template.yaml")))
                .path("Parameters").path("FunctionRuntime");
        String samconfig = java.nio.file.Files.readString(java.nio.file.Path.of("infra", "samconfig.toml"));

        assertThat(runtime.path("Default").asText()).isEqualTo("jvm");
        assertThat(samconfig).doesNotContain("FunctionRuntime=native");
    }

    @Test
    void baselineAlarmsExistOnlyWhereABaselineIsSet() throws Exception {
        String feature = FeatureDeployment.configuredFeatures().get(0);
        String stem = FeatureDeployment.stem(feature);

        ExpandedTemplate without = ExpandedTemplate.expand(Map.of());
        ExpandedTemplate with = ExpandedTemplate.expand(Map.of(stem + "CostPerCallBaselineUSD", "0.0042",
                "CostPerCallAlarmMultiple", "3"));

        assertThat(without.condition("Has" + stem + "CostPerCallBaseline")).isFalse();
        assertThat(with.condition("Has" + stem + "CostPerCallBaseline")).isTrue();
        JsonNode alarm = with.resources().path(stem + "CostPerCallAlarm").path("Properties");
        assertThat(with.value(alarm.path("Threshold")).asText()).isEqualTo("3");
        assertThat(alarm.path("Metrics").toString()).contains("(cost / calls) / ${" + stem + "CostPerCallBaselineUSD}");
    }
}
