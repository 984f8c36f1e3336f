package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.web.Problem;
import dev.claudefeatures.web.ProblemType;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.web.Router;

/**
 * The functions' handler answers each event through the application, as the HTTP API and the
 * Function URL take an answer, and answers within the invocation's time even when the application
 * never does; so does the streaming runtime.
 */
@QuarkusTest
class FunctionAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    StreamingRuntime streaming;

    /** A route of this test's application that takes a request and never answers it. */
    @ApplicationScoped
    static class NeverAnswering {
        static final String PATH = "/test-only/never-answers";

        void route(@Observes Router router) {
            router.get(PATH).handler(request -> {
            });
        }
    }

    @Test
    void theSampleEventIsAnsweredAsTheHttpApiTakesIt() throws Exception {
        byte[] event = Files.readAllBytes(Path.of("infra", "events", "summarise.json"));

        JsonNode answer = JSON.readTree(LambdaHandler.answer(event, context(30_000)));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(answer.path("cookies").isArray()).isTrue();
        assertThat(answer.path("headers").path("Content-Type").asText()).startsWith("application/json");
        assertThat(JSON.readTree(answer.path("body").asText()).path("summary").asText()).isNotBlank();
    }

    @Test
    void anApplicationThatNeverAnswersIsAnswered500WithinTheInvocationsTime() throws Exception {
        ObjectNode event = neverAnswered();
        long remaining = LambdaHandler.ANSWER_TIME.toMillis() + 300;

        JsonNode answer = JSON.readTree(LambdaHandler.answer(event.toString().getBytes(StandardCharsets.UTF_8),
                context(remaining)));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(500);
        assertThat(answer.path("headers").path("Content-Type").asText()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(JSON.readTree(answer.path("body").asText()).path("type").asText())
                .isEqualTo(ProblemType.INTERNAL_ERROR.uri());
    }

    @Test
    void aStreamedInvocationTheApplicationNeverAnswersIsAnswered500WithinItsTime() throws Exception {
        try (FakeRuntimeApi fake = new FakeRuntimeApi()) {
            RuntimeApi api = new RuntimeApi(fake.address(), JSON);
            CompletableFuture<FakeRuntimeApi.Result> result = fake.invoke(neverAnswered().toString(),
                    LambdaHandler.ANSWER_TIME.plusMillis(300));

            streaming.serve(api, api.next());

            FakeRuntimeApi.Result answered = result.get(5, TimeUnit.SECONDS);
            assertThat(answered.error()).isFalse();
            assertThat(JSON.readTree(answered.streamed().prelude()).path("statusCode").asInt()).isEqualTo(500);
            assertThat(JSON.readTree(answered.body()).path("type").asText()).isEqualTo(ProblemType.INTERNAL_ERROR.uri());
        }
    }

    /** The sample event, sent to the route that never answers. */
    private static ObjectNode neverAnswered() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("infra", "events", "summarise.json")));
        event.put("rawPath", NeverAnswering.PATH).put("body", "");
        ((ObjectNode) event.path("requestContext").path("http")).put("method", "GET").put("path", NeverAnswering.PATH);
        return event;
    }

    private static RuntimeContext context(long remainingMillis) {
        return new RuntimeContext("function-answer-test", null, System.currentTimeMillis() + remainingMillis);
    }
}
