package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one client of the Runtime and Extensions APIs, against the fake that {@link PackagedFunction}
 * runs every function against: an invocation taken with Lambda's headers, its answer streamed or
 * reported as an error (its type, never its message), an extension registered and given each
 * invocation, and a registration refused after init.
 */
class RuntimeApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = "{\"rawPath\":\"/chat\"}";

    @Test
    void anInvocationIsTakenWithLambdasHeadersAndItsAnswerStreamedAfterItsPrelude() throws Exception {
        try (FakeRuntimeApi fake = new FakeRuntimeApi()) {
            RuntimeApi api = new RuntimeApi(fake.address(), JSON);
            CompletableFuture<FakeRuntimeApi.Result> answered = fake.invoke(EVENT, Duration.ofSeconds(30));

            RuntimeApi.Invocation invocation = api.next();
            try (OutputStream out = api.streamResponse(invocation.requestId())) {
                out.write(StreamingRuntime.prelude(JSON, 200, Map.of("Content-Type", List.of("text/event-stream"))));
                out.flush();
                out.write("event:done\n\n".getBytes(StandardCharsets.UTF_8));
            }

            assertThat(new String(invocation.event(), StandardCharsets.UTF_8)).isEqualTo(EVENT);
            assertThat(invocation.functionArn()).isEqualTo(FakeRuntimeApi.FUNCTION_ARN);
            assertThat(invocation.traceHeader()).startsWith("Root=");
            assertThat(invocation.deadlineEpochMillis()).isPositive().isLessThan(Long.MAX_VALUE);
            FakeRuntimeApi.Result result = answered.get(30, TimeUnit.SECONDS);
            assertThat(result.requestId()).isEqualTo(invocation.requestId());
            assertThat(result.error()).isFalse();
            assertThat(result.streamed().contentType()).isEqualTo(RuntimeApi.STREAMING_CONTENT_TYPE);
            assertThat(JSON.readTree(result.streamed().prelude()).path("statusCode").asInt()).isEqualTo(200);
            assertThat(result.body()).isEqualTo("event:done\n\n");
        }
    }

    @Test
    void anInvocationThatCannotBeHandledIsReportedByTheTypeOfItsFailureNeverItsMessage() throws Exception {
        try (FakeRuntimeApi fake = new FakeRuntimeApi()) {
            RuntimeApi api = new RuntimeApi(fake.address(), JSON);
            CompletableFuture<FakeRuntimeApi.Result> answered = fake.invoke(EVENT, Duration.ofSeconds(30));

            api.error(api.next().requestId(), new IllegalArgumentException("the prompt text, never sent"));

            FakeRuntimeApi.Result result = answered.get(30, TimeUnit.SECONDS);
            assertThat(result.error()).isTrue();
            assertThat(JSON.readTree(result.body()).path("errorType").asText()).isEqualTo("IllegalArgumentException");
            assertThat(result.body()).doesNotContain("prompt text");
        }
    }

    @Test
    void anExtensionRegisteredDuringInitIsGivenEachInvocationTheRuntimeTakes() throws Exception {
        try (FakeRuntimeApi fake = new FakeRuntimeApi()) {
            RuntimeApi api = new RuntimeApi(fake.address(), JSON);

            String id = api.register("an-extension", List.of("INVOKE"));
            fake.invoke(EVENT, Duration.ofSeconds(30));
            RuntimeApi.Invocation invocation = api.next();
            RuntimeApi.ExtensionEvent event = api.nextEvent(id);

            assertThat(fake.extensions().get(id)).satisfies(extension -> {
                assertThat(extension.name()).isEqualTo("an-extension");
                assertThat(extension.events()).isEqualTo("{\"events\":[\"INVOKE\"]}");
            });
            assertThat(event.type()).isEqualTo("INVOKE");
            assertThat(event.requestId()).isEqualTo(invocation.requestId());
            assertThat(event.deadlineEpochMillis()).isEqualTo(invocation.deadlineEpochMillis());
        }
    }

    @Test
    void whereTheExtensionsApiRefusesTheRegistrationItFailsNamingTheStatus() throws Exception {
        try (FakeRuntimeApi fake = new FakeRuntimeApi(() -> -1, false)) {
            RuntimeApi api = new RuntimeApi(fake.address(), JSON);

            assertThatThrownBy(() -> api.register("an-extension", List.of("INVOKE"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("403");
        }
    }
}
