package dev.claudefeatures.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.telemetry.FakeCloudWatch;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A load run, not a timed test: 2,000 summarise requests at 32 at once through the Lambda HTTP
 * handler, against the simulator answering after 50 ms, with metrics to a fake CloudWatch. It
 * requires no error, and every call's metrics counted exactly once, then prints the figures and
 * the heap. {@code ./mvnw -B test -Dtest=LoadBenchmark -Dbenchmarks=true}.
 */
@QuarkusTest
@TestProfile(LoadBenchmark.FiftyMillisecondApi.class)
@WithTestResource(FakeCloudWatch.class)
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class LoadBenchmark {

    static final int REQUESTS = 2_000;
    static final int CONCURRENCY = 32;

    public static class FiftyMillisecondApi implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("anthropic.simulator.latency", "50ms");
        }
    }

    private static APIGatewayV2HTTPEvent event(int i) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setPath("/summarise");
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("203.0.113.10");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setStage("$default");
        context.setRequestId("load-" + i);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("POST /summarise");
        event.setRawPath("/summarise");
        event.setRawQueryString("");
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody("{\"text\": \"Load request " + i + ": the parcel left the depot at 07:40 and arrives today.\"}");
        event.setRequestContext(context);
        return event;
    }

    @Test
    void twoThousandRequestsAtThirtyTwoAtOnceWithNoErrorAndEveryCallCountedOnce() throws Exception {
        FakeCloudWatch.current().reset(FakeCloudWatch.Mode.OK);
        LambdaHttpHandler handler = new LambdaHttpHandler();
        ExecutorService callers = Executors.newFixedThreadPool(CONCURRENCY);
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            int n = i;
            results.add(callers.submit(() -> {
                long begin = System.nanoTime();
                APIGatewayV2HTTPResponse response = handler.handleRequest(event(n), null);
                return new long[] {response.getStatusCode(), System.nanoTime() - begin};
            }));
        }
        List<Long> latencies = new ArrayList<>();
        int errors = 0;
        for (Future<long[]> result : results) {
            long[] outcome = result.get();
            errors += outcome[0] == 200 ? 0 : 1;
            latencies.add(outcome[1]);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        callers.shutdown();

        double calls = 0;
        for (FakeCloudWatch.Received put : FakeCloudWatch.current().received()) {
            for (JsonNode datum : put.body().path("MetricData")) {
                if (datum.path("MetricName").asText().equals("Calls") && datum.path("Dimensions").isEmpty()) {
                    for (JsonNode value : datum.path("Values")) {
                        calls += value.asDouble();
                    }
                    calls += datum.path("Value").asDouble(0);
                }
            }
        }
        latencies.sort(null);
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("load: %d requests, %d at once, 50 ms API: %d errors, %.0f requests/s, p50 %.1f ms, "
                + "p99 %.1f ms; %d PutMetricData counting %.0f calls; heap after the run %.1f MiB%n", REQUESTS,
                CONCURRENCY, errors, REQUESTS / (took.toNanos() / 1e9), latencies.get(REQUESTS / 2) / 1e6,
                latencies.get(REQUESTS * 99 / 100) / 1e6, FakeCloudWatch.current().received().size(), calls,
                (runtime.totalMemory() - runtime.freeMemory()) / 1024.0 / 1024.0);

        assertThat(errors).isZero();
        assertThat(calls).isEqualTo(REQUESTS);
        assertThat(FakeCloudWatch.current().received()).hasSize(REQUESTS);
    }
}
