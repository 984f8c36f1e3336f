package dev.claudefeatures.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.policy.FeaturesConfig;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.telemetry.TelemetryConfig;
import io.smallrye.config.SmallRyeConfig;

/**
 * What {@code template.yaml} and {@code infra/} must hold for one configured feature, derived from
 * its name: {@code extract-invoice} is deployed as {@code ExtractInvoiceFunction}, logs to
 * {@code ExtractInvoiceLogGroup}, and so on. {@link #missingPieces} names each piece that is not
 * there, so that a feature added to the configuration alone fails with a list of what to add.
 */
public final class FeatureDeployment {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Metrics the dashboard must show by feature (a SEARCH over the Feature dimension shows each one). */
    private static final List<String> DASHBOARD_BY_FEATURE = List.of("EstimatedCostUSD", "Calls", "InputTokens",
            "OutputTokens", "Latency", "CacheNetSavingUSD");

    private final SamTemplate template;
    /** Built once, on the first feature that needs it: the start-up checks read every prompt and schema. */
    private Policies policies;

    public FeatureDeployment(SamTemplate template) {
        this.template = template;
    }

    /** The features of the application's configuration ({@code features.<name>.*}). */
    public static List<String> configuredFeatures() {
        return TestConfig.with(Map.of(), FeaturesConfig.class).getConfigMapping(FeaturesConfig.class).features()
                .keySet().stream().sorted().toList();
    }

    /** The checked policies of the application's configuration, as the functions build them at start-up. */
    public static Policies policies() {
        SmallRyeConfig config = TestConfig.with(Map.of(), FeaturesConfig.class, ModelCatalog.class,
                AnthropicConfig.class, TelemetryConfig.class);
        return new Policies(config.getConfigMapping(FeaturesConfig.class), config.getConfigMapping(ModelCatalog.class),
                config.getConfigMapping(AnthropicConfig.class), config.getConfigMapping(TelemetryConfig.class), JSON);
    }

    /** The configured features whose requests get a cache breakpoint: each needs a cache-loss alarm. */
    public static List<String> cachedFeatures() {
        Policies policies = policies();
        return configuredFeatures().stream().filter(feature -> !policies.placedBreakpoints(feature).isEmpty())
                .toList();
    }

    /** {@code extract-invoice} to {@code ExtractInvoice}: the stem of the feature's logical ids. */
    public static String stem(String feature) {
        return Arrays.stream(feature.split("-"))
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
    }

    public static Path sampleEvent(String feature) {
        return Path.of("infra", "events", feature + ".json");
    }

    public static Path samplesFile(String feature) {
        return Path.of("infra", "samples", feature + ".jsonl");
    }

    /** The sample event's route key: {@code POST /summarise}, or {@code $default} for a Function URL. */
    public static String routeKey(String feature) throws IOException {
        return JSON.readTree(Files.readString(sampleEvent(feature))).path("routeKey").asText();
    }

    /** Every piece of the feature's deployment that is missing, each named; empty when it is whole. */
    public List<String> missingPieces(String feature) throws IOException {
        String stem = stem(feature);
        String function = stem + "Function";
        String logGroup = stem + "LogGroup";
        JsonNode resources = template.resources();
        List<String> missing = new ArrayList<>();

        JsonNode functionResource = resources.path(function);
        if (!"AWS::Serverless::Function".equals(functionResource.path("Type").asText())) {
            missing.add("function " + function + " (AWS::Serverless::Function)");
        }
        if (!feature.equals(functionResource.path("Properties").path("Environment").path("Variables")
                .path("LAMBDA_FEATURE").asText())) {
            missing.add("LAMBDA_FEATURE: " + feature + " in the Environment of " + function
                    + " (the feature it serves, which priming rehearses)");
        }
        if (!Files.isRegularFile(sampleEvent(feature))) {
            missing.add("sample event " + sampleEvent(feature) + " (its route comes from there)");
        } else if (!hasRoute(functionResource.path("Properties"), routeKey(feature))) {
            missing.add("$default".equals(routeKey(feature))
                    ? "Function URL of " + function + " with AuthType AWS_IAM"
                    : "route " + routeKey(feature) + " of " + function + " on HttpApi");
        }
        JsonNode logGroupResource = resources.path(logGroup);
        if (!"AWS::Logs::LogGroup".equals(logGroupResource.path("Type").asText())
                || !logGroupResource.path("Properties").path("LogGroupName").asText()
                        .equals("/aws/lambda/${" + function + "}")
                || logGroupResource.path("Properties").path("RetentionInDays").asInt() <= 0) {
            missing.add("log group " + logGroup + " named /aws/lambda/${" + function + "} with RetentionInDays");
        }
        if (!watchesFeatureCostPerCall(resources.path(stem + "CostPerCallAnomalyAlarm"), feature)
                || !resources.path(stem + "CostPerCallAnomalyAlarm").toString().contains("ANOMALY_DETECTION_BAND")) {
            missing.add("alarm " + stem + "CostPerCallAnomalyAlarm (cost over calls by Feature=" + feature
                    + ", ANOMALY_DETECTION_BAND)");
        }
        missing.addAll(missingBaselineAlarm(feature, stem));
        missing.addAll(missingCacheLossAlarm(feature, stem));
        if (!brakeStops(function)) {
            missing.add(function + " in SpendBrakeFunction's BRAKE_FUNCTIONS and its lambda:PutFunctionConcurrency resources");
        }
        template.resources().fields().forEachRemaining(query -> {
            if ("AWS::Logs::QueryDefinition".equals(query.getValue().path("Type").asText())
                    && !contains(query.getValue().path("Properties").path("LogGroupNames"), logGroup)) {
                missing.add(logGroup + " in the LogGroupNames of the saved query " + query.getKey());
            }
        });
        String dashboard = resources.path("Dashboard").path("Properties").path("DashboardBody").asText();
        for (String metric : DASHBOARD_BY_FEATURE) {
            if (!dashboard.contains("SEARCH('{${MetricsNamespace},Feature} MetricName=\\\"" + metric + "\\\"")) {
                missing.add("a dashboard widget of " + metric + " by Feature (a SEARCH over the Feature dimension)");
            }
        }
        if (!template.outputs().has(stem + "Url")) {
            missing.add("output " + stem + "Url");
        }
        if (!Files.isRegularFile(samplesFile(feature)) || Files.readString(samplesFile(feature)).isBlank()) {
            missing.add("samples file " + samplesFile(feature) + " (evaluate's samples)");
        }
        return missing;
    }

    private static boolean hasRoute(JsonNode function, String routeKey) {
        if ("$default".equals(routeKey)) {
            return "AWS_IAM".equals(function.path("FunctionUrlConfig").path("AuthType").asText());
        }
        for (JsonNode event : function.path("Events")) {
            JsonNode properties = event.path("Properties");
            if ("HttpApi".equals(event.path("Type").asText()) && "HttpApi".equals(properties.path("ApiId").asText())
                    && routeKey.equals(properties.path("Method").asText() + " " + properties.path("Path").asText())) {
                return true;
            }
        }
        return false;
    }

    private List<String> missingBaselineAlarm(String feature, String stem) {
        List<String> missing = new ArrayList<>();
        String parameter = stem + "CostPerCallBaselineUSD";
        String condition = "Has" + stem + "CostPerCallBaseline";
        JsonNode alarm = template.resources().path(stem + "CostPerCallAlarm");
        if (!template.parameterNames().contains(parameter)) {
            missing.add("parameter " + parameter + " (the baseline evaluate prints)");
        }
        if (!template.conditions().path(condition).toString().contains(parameter)) {
            missing.add("condition " + condition + " (true when " + parameter + " is set)");
        }
        if (!watchesFeatureCostPerCall(alarm, feature) || !condition.equals(alarm.path("Condition").asText())
                || !alarm.toString().contains("${" + parameter + "}")
                || !"CostPerCallAlarmMultiple".equals(alarm.path("Properties").path("Threshold").asText())) {
            missing.add("alarm " + stem + "CostPerCallAlarm (cost over calls by Feature=" + feature + ", over ${"
                    + parameter + "}, above CostPerCallAlarmMultiple, Condition " + condition + ")");
        }
        return missing;
    }

    /**
     * For a feature whose requests get a cache breakpoint: an alarm on the Sum of its
     * CacheNetSavingUSD over CacheLossWindowSeconds below 0, whose description names each
     * breakpoint's key and the advice command.
     */
    private List<String> missingCacheLossAlarm(String feature, String stem) {
        if (policies == null) {
            policies = policies();
        }
        if (!policies.features().contains(feature)) {
            return List.of(); // only configured: its breakpoints are not known yet
        }
        Map<String, dev.claudefeatures.policy.CacheMode> breakpoints = policies.placedBreakpoints(feature);
        if (breakpoints.isEmpty()) {
            return List.of();
        }
        String name = stem + "CacheLossAlarm";
        JsonNode alarm = template.resources().path(name);
        JsonNode properties = alarm.path("Properties");
        JsonNode dimensions = properties.path("Dimensions");
        String description = properties.path("AlarmDescription").asText();
        boolean watches = "AWS::CloudWatch::Alarm".equals(alarm.path("Type").asText())
                && "CacheNetSavingUSD".equals(properties.path("MetricName").asText())
                && dimensions.size() == 1 && "Feature".equals(dimensions.get(0).path("Name").asText())
                && feature.equals(dimensions.get(0).path("Value").asText())
                && "Sum".equals(properties.path("Statistic").asText())
                && "CacheLossWindowSeconds".equals(properties.path("Period").asText())
                && properties.path("Threshold").asDouble(Double.NaN) == 0
                && "LessThanThreshold".equals(properties.path("ComparisonOperator").asText())
                && !properties.path("AlarmActions").isEmpty()
                && description.contains("cache-advice")
                && breakpoints.keySet().stream().allMatch(key -> description.contains(
                        "features." + feature + ".cache." + key + "="));
        List<String> missing = new ArrayList<>();
        if (!template.parameterNames().contains("CacheLossWindowSeconds")) {
            missing.add("parameter CacheLossWindowSeconds (the cache-loss alarms' window)");
        }
        if (!watches) {
            missing.add("alarm " + name + " (Sum of CacheNetSavingUSD by Feature=" + feature
                    + " over CacheLossWindowSeconds, below 0, to the AlarmTopic; its AlarmDescription naming the"
                    + " cache-advice command and features." + feature + ".cache." + String.join("/",
                            breakpoints.keySet()) + ")");
        }
        return missing;
    }

    /** An alarm whose metric math reads EstimatedCostUSD and Calls of this feature, hourly. */
    private static boolean watchesFeatureCostPerCall(JsonNode alarm, String feature) {
        List<String> watched = new ArrayList<>();
        alarm.path("Properties").path("Metrics").forEach(query -> {
            JsonNode stat = query.path("MetricStat");
            JsonNode dimensions = stat.path("Metric").path("Dimensions");
            if (stat.path("Period").asInt() == 3600 && dimensions.size() == 1
                    && "Feature".equals(dimensions.get(0).path("Name").asText())
                    && feature.equals(dimensions.get(0).path("Value").asText())) {
                watched.add(stat.path("Metric").path("MetricName").asText());
            }
        });
        return "AWS::CloudWatch::Alarm".equals(alarm.path("Type").asText())
                && watched.containsAll(List.of("EstimatedCostUSD", "Calls"));
    }

    private boolean brakeStops(String function) {
        JsonNode brake = template.resources().path("SpendBrakeFunction").path("Properties");
        JsonNode join = brake.path("Environment").path("Variables").path("BRAKE_FUNCTIONS");
        boolean named = join.isArray() && contains(join.path(1), function);
        boolean allowed = false;
        for (JsonNode statement : brake.path("Policies").path(0).path("Statement")) {
            allowed |= "lambda:PutFunctionConcurrency".equals(statement.path("Action").asText())
                    && contains(statement.path("Resource"), function + ".Arn");
        }
        return named && allowed;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }
}
