package dev.claudefeatures.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.web.Problem;
import dev.claudefeatures.web.ProblemType;
import dev.claudefeatures.web.RequestUriCheck;
import io.quarkus.arc.Arc;
import io.quarkus.netty.runtime.virtual.VirtualClientConnection;
import io.quarkus.runtime.Quarkus;

/**
 * The functions' handler: starts the application, hands each HTTP event to it ({@link VirtualHttp},
 * the streaming runtime's way too), and then tells {@link InvocationEnds} the answer is complete, so
 * that the metrics extension publishes its metrics while the runtime posts the answer, not before.
 * Not Quarkus's own adapter ({@code LambdaHttpHandler}): it sends the event into the application
 * from the runtime's thread, where Quarkus's in-memory channel can lose it, and then waits for the
 * answer without a limit; here every event is answered within the invocation's time.
 * An event whose body cannot be decoded is answered a problem here ({@link EventBody}).
 * The runtime creates it during init: the moment to prime.
 *
 * <p>It does not implement {@code RequestStreamHandler}: quarkus-amazon-lambda refuses a second
 * class that does. The runtime calls a handler method of this shape by its parameter types.
 */
public class LambdaHandler {

    /** How long a priming invocation may take, as its context tells the application. */
    private static final long PRIMING_TIME_MS = 30_000;
    /** Kept from the invocation's time to post a problem when the application has not answered. */
    static final Duration ANSWER_TIME = Duration.ofMillis(500);
    /** Answered when the application gives no answer within the invocation's time; on both runtimes. */
    static final Problem NOT_ANSWERED = Problem.of(ProblemType.INTERNAL_ERROR, 500, "The request was not answered in time.");

    static {
        // Before Quarkus starts: RequestUriCheck answers an invalid URI with a problem, not a bare 400.
        System.setProperty(RequestUriCheck.QUARKUS_CHECK_OFF, "true");
    }

    // Nothing in this class's static state may make a logger: it is loaded before Quarkus installs its log manager.
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader EVENTS = HttpEvents.reader(JSON);

    private final InvocationEnds ends;

    public LambdaHandler() {
        Quarkus.manualInitialize();
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
                // Starts the application at the first event, if priming has not: as Quarkus's own handler does.
                Quarkus.manualStart();
                output.write(answer(event, context));
            }
        } finally {
            ends.ended(context.getAwsRequestId());
        }
    }

    /** The application's answer to the event, or a problem if it gave none in the invocation's time. */
    static byte[] answer(byte[] event, Context context) throws IOException {
        HttpAnswer answer = new HttpAnswer(JSON);
        VirtualClientConnection connection = VirtualHttp.dispatch(EVENTS.<APIGatewayV2HTTPEvent>readValue(event),
                context, answer);
        try {
            Optional<byte[]> answered = answer.await(Duration.ofMillis(context.getRemainingTimeInMillis())
                    .minus(ANSWER_TIME));
            if (answered.isPresent()) {
                return answered.get();
            }
            log().errorf("The application gave no answer within the invocation's time (request %s); answered 500",
                    context.getAwsRequestId());
            return httpResponse(NOT_ANSWERED);
        } catch (ExecutionException failed) {
            log().error("The application's answer failed", failed.getCause());
            return httpResponse(Problem.of(ProblemType.INTERNAL_ERROR, 500,
                    "The request could not be answered."));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the application's answer", interrupted);
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** Looked up when needed: a logger made before Quarkus starts would fix java.util.logging's own manager for the process. */
    private static Logger log() {
        return Logger.getLogger(LambdaHandler.class);
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
        try {
            Quarkus.manualStart();
            byte[] answer = answer(event.getBytes(StandardCharsets.UTF_8), new RuntimeContext(
                    "priming-" + UUID.randomUUID(), null, System.currentTimeMillis() + PRIMING_TIME_MS));
            return JSON.readTree(answer).path("statusCode").asInt();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
