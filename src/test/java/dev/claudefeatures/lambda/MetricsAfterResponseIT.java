package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.simulator.LoopbackSimulator;
import dev.claudefeatures.telemetry.FakeCloudWatch;
import dev.claudefeatures.testing.FakeSecretsManager;
import dev.claudefeatures.testing.SamTemplate;

/**
 * With the {@code cloudwatch} sink, the packaged function (as {@link ProdParityIT} runs it) sends
 * each invocation's {@code PutMetricData} after its answer and before Lambda could freeze the
 * environment: a fake CloudWatch that takes {@link FakeCloudWatch#SLOW_ANSWER} to answer shows the
 * answer not waiting for it, and the fake Runtime and Extensions API shows the metrics extension
 * holding the environment until it has; every data point of every call arrives.
 */
class MetricsAfterResponseIT {

    private static final String API_KEY = "sk-ant-" + "metrics-extension-test-key"; // split: a fake key
    /** Data points of one call of a feature that does not stream: EmfSinkTest's count. */
    private static final int DATA_POINTS_PER_CALL = 17;
    private static final int INVOCATIONS = 3;

    @Test
    void eachInvocationsMetricsArePutAfterItsAnswerAndBeforeTheFreezeWithEveryDataPoint() throws Exception {
        FakeCloudWatch cloudWatch = new FakeCloudWatch();
        Map<String, String> cloudWatchConfig = cloudWatch.start();
        cloudWatch.reset(FakeCloudWatch.Mode.SLOW);
        try (FakeRuntimeApi runtimeApi = new FakeRuntimeApi(() -> -1, true);
                LoopbackSimulator upstream = LoopbackSimulator.start();
                FakeSecretsManager secrets = FakeSecretsManager.holding(API_KEY);
                PackagedFunction function = start(runtimeApi, upstream, secrets, cloudWatchConfig, "extension")) {
            function.awaitInit(runtimeApi, Duration.ofSeconds(60));

            assertThat(runtimeApi.extensions().values()).singleElement().satisfies(extension -> {
                assertThat(extension.name()).isEqualTo(MetricsExtension.NAME);
                assertThat(extension.events()).isEqualTo("{\"events\":[\"INVOKE\"]}");
            });
            for (int i = 0; i < INVOCATIONS; i++) {
                FakeRuntimeApi.Result answered = runtimeApi.invoke(summariseEvent(), Duration.ofSeconds(30))
                        .get(60, TimeUnit.SECONDS);
                long frozenAt = runtimeApi.extensionsDone(answered.requestId()).get(30, TimeUnit.SECONDS);

                assertThat(answered.body()).contains("\"statusCode\":200");
                assertThat(cloudWatch.answeredAt()).as("one PutMetricData per invocation, before the freeze")
                        .hasSize(i + 1);
                long putAnsweredAt = cloudWatch.answeredAt().get(i);
                assertThat(runtimeApi.postedAt(answered.requestId())).as("the answer did not wait for CloudWatch")
                        .isLessThan(putAnsweredAt);
                assertThat(putAnsweredAt).as("the environment was held until CloudWatch had answered")
                        .isLessThanOrEqualTo(frozenAt);
            }
            assertDataPoints(cloudWatch, upstream.received().size());
            assertThat(upstream.received()).hasSize(INVOCATIONS);
            // Each flush followed the handler's word that its answer was complete, not the deadline.
            assertThat(function.stdoutLines()).noneMatch(line -> line.contains("had not answered"));
        } finally {
            cloudWatch.stop();
        }
    }

    @Test
    void withoutTheExtensionsApiTheMetricsArePutBeforeTheAnswerAsBefore() throws Exception {
        FakeCloudWatch cloudWatch = new FakeCloudWatch();
        Map<String, String> cloudWatchConfig = cloudWatch.start();
        cloudWatch.reset(FakeCloudWatch.Mode.SLOW);
        try (FakeRuntimeApi runtimeApi = new FakeRuntimeApi(() -> -1, false);
                LoopbackSimulator upstream = LoopbackSimulator.start();
                FakeSecretsManager secrets = FakeSecretsManager.holding(API_KEY);
                PackagedFunction function = start(runtimeApi, upstream, secrets, cloudWatchConfig, "no-extension")) {
            function.awaitInit(runtimeApi, Duration.ofSeconds(60));

            FakeRuntimeApi.Result answered = runtimeApi.invoke(summariseEvent(), Duration.ofSeconds(30))
                    .get(60, TimeUnit.SECONDS);

            assertThat(runtimeApi.extensions()).isEmpty();
            assertThat(answered.body()).contains("\"statusCode\":200");
            assertThat(cloudWatch.answeredAt()).singleElement().satisfies(putAnsweredAt ->
                    assertThat(putAnsweredAt).isLessThan(runtimeApi.postedAt(answered.requestId())));
            assertDataPoints(cloudWatch, 1);
            assertThat(function.stdoutLines()).anyMatch(line -> line.contains("could not register"));
        } finally {
            cloudWatch.stop();
        }
    }

    /** Every value of every datum, and one {@code Calls} per upstream call. */
    private static void assertDataPoints(FakeCloudWatch cloudWatch, int calls) {
        int values = 0;
        double overallCalls = 0;
        for (FakeCloudWatch.Received put : cloudWatch.received()) {
            for (JsonNode datum : put.body().path("MetricData")) {
                values += datum.path("Values").size();
                if (datum.path("MetricName").asText().equals("Calls") && datum.path("Dimensions").isEmpty()) {
                    for (JsonNode value : datum.path("Values")) {
                        overallCalls += value.asDouble();
                    }
                }
            }
        }
        assertThat(overallCalls).isEqualTo(calls);
        assertThat(values).isEqualTo(DATA_POINTS_PER_CALL * calls);
    }

    private static String summariseEvent() throws java.io.IOException {
        return Files.readString(Path.of("infra", "events", "summarise.json"));
    }

    private static PackagedFunction start(FakeRuntimeApi runtimeApi, LoopbackSimulator upstream,
            FakeSecretsManager secrets, Map<String, String> cloudWatchConfig, String name) throws Exception {
        SamTemplate template = SamTemplate.read(Map.of("MetricsSink", "cloudwatch"));
        Map<String, String> env = PackagedFunction.environment(runtimeApi, "claude-features-metrics-" + name, template,
                upstream.baseUri(), secrets.endpoint());
        env.put("TELEMETRY_CLOUDWATCH_ENDPOINT_OVERRIDE", cloudWatchConfig.get("telemetry.cloudwatch.endpoint-override"));
        // Long enough for the slow fake to answer: the point is who waits for it, not the bound.
        env.put("TELEMETRY_PUBLISH_TIMEOUT", "5s");
        Path work = Files.createDirectories(Path.of("target", "metrics-after-response", name));
        return PackagedFunction.start(Path.of("target", "function.zip"), Path.of("target", "lambda-runtime"), work,
                template.functionMemoryMb(), env);
    }

}
