package dev.claudefeatures.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.web.Problem;
import dev.claudefeatures.web.RequestUriCheck;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import io.quarkus.arc.Arc;

/**
 * The functions' handler: Quarkus's, and then word that the invocation's answer is complete, so
 * that the metrics extension publishes its metrics while the runtime posts the answer, not before.
 * An event whose body cannot be decoded is answered a problem here ({@link EventBody}): Quarkus's
 * adapter would answer it a bare 500.
 * The runtime creates it during init, once the application has started: the moment to prime.
 *
 * <p>It does not implement {@code RequestStreamHandler}: quarkus-amazon-lambda refuses a second
 * class that does. The runtime calls a handler method of this shape by its parameter types.
 */
public class LambdaHandler {

    /** How long a priming invocation may take, as its context tells the application. */
    private static final long PRIMING_TIME_MS = 30_000;

    static {
        // Before Quarkus starts: RequestUriCheck answers an invalid URI with a problem, not a bare 400.
        System.setProperty(RequestUriCheck.QUARKUS_CHECK_OFF, "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Created first: it starts the application, whose beans the handler then looks up. */
    private final QuarkusStreamHandler quarkus = new QuarkusStreamHandler();
    private final InvocationEnds ends;

    public LambdaHandler() {
        // The managed runtime creates the handler outside CDI: its beans are looked up, once.
        ends = Arc.container().instance(InvocationEnds.class).get();
        Arc.container().instance(Priming.class).get().schedule(this::prime, false);
    }

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            byte[] event = input.readAllBytes();
            Optional<Problem> problem = EventBody.problem(event);
            if (problem.isPresent()) {
                output.write(httpResponse(problem.get()));
            } else {
                quarkus.handleRequest(new ByteArrayInputStream(event), output, context);
            }
        } finally {
            ends.ended(context.getAwsRequestId());
        }
    }

    /** A problem as the HTTP API or Function URL takes an answer from the function. */
    private static byte[] httpResponse(Problem problem) throws IOException {
        ObjectNode response = JSON.createObjectNode().put("statusCode", problem.status());
        response.putObject("headers").put("Content-Type", Problem.MEDIA_TYPE);
        response.put("body", JSON.writeValueAsString(problem)).put("isBase64Encoded", false);
        return JSON.writeValueAsBytes(response);
    }

    /** One invocation of the application as the runtime makes it, outside the runtime's loop. */
    private int prime(String event) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            quarkus.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer,
                    new RuntimeContext("priming-" + UUID.randomUUID(), null,
                            System.currentTimeMillis() + PRIMING_TIME_MS));
            return JSON.readTree(answer.toByteArray()).path("statusCode").asInt();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
