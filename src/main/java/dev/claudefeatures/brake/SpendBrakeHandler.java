package dev.claudefeatures.brake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The spend brake's Lambda handler, on the plain {@code java21} runtime (target/brake.zip): no
 * Quarkus, so it runs the same whichever runtime the feature functions use. The functions it
 * stops and releases are named by {@code BRAKE_FUNCTIONS} (comma-separated); a release gives each
 * the reserved concurrency {@code BRAKE_CONCURRENCY}. The client takes region, credentials and
 * {@code AWS_ENDPOINT_URL_LAMBDA} from the standard AWS environment.
 *
 * <p>
 * Each run writes one JSON line, and answers the same JSON, saying what it did:
 * {@code "action"} is {@code "stop"} (with {@code "stopped"}), {@code "release"} (with
 * {@code "released"} and {@code "concurrency"}) or {@code "none"} (with {@code "reason"}), so that
 * one Logs Insights query finds them all. The payload itself is never written: it is not ours.
 */
public final class SpendBrakeHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpendBrake brake;

    public SpendBrakeHandler() {
        this(new SpendBrake(LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                functions(System.getenv("BRAKE_FUNCTIONS")), concurrency(System.getenv("BRAKE_CONCURRENCY"))));
    }

    SpendBrakeHandler(SpendBrake brake) {
        this.brake = brake;
    }

    static List<String> functions(String names) {
        if (names == null || names.isBlank()) {
            throw new IllegalStateException("BRAKE_FUNCTIONS names no function to stop");
        }
        return Arrays.stream(names.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    /**
     * Checked at start-up, not at the first release: a brake that could not release would be
     * found out only when someone needs it.
     */
    static int concurrency(String value) {
        int concurrency;
        try {
            concurrency = Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            concurrency = 0;
        }
        if (concurrency < 1) {
            throw new IllegalStateException("BRAKE_CONCURRENCY must be a positive whole number, the reserved concurrency a"
                    + " release gives each function back (the template's FunctionConcurrency); it is '" + value + "'");
        }
        return concurrency;
    }

    /**
     * The Lambda handler method. Deliberately not a {@code RequestStreamHandler}: Quarkus's Lambda
     * extension refuses a second handler class in the application, and the java21 runtime calls
     * a public (InputStream, OutputStream, Context) method just the same.
     */
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String line = run(BrakeRequest.read(JSON, input.readAllBytes())).toString();
        System.out.println(line);
        output.write(line.getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode run(BrakeRequest request) {
        ObjectNode line = JSON.createObjectNode().put("type", "spend_brake");
        if (request instanceof BrakeRequest.AlarmStateChange change && change.goesOff()) {
            line.put("action", "stop").put("alarm", change.alarm()).put("state", change.state());
            names(line, "stopped", brake.stop());
        } else if (request instanceof BrakeRequest.AlarmStateChange change) {
            line.put("action", "none").put("alarm", change.alarm()).put("state", change.state())
                    .put("reason", "only the state ALARM stops the functions, and only a release restarts them");
        } else if (request instanceof BrakeRequest.Release) {
            line.put("action", "release");
            names(line, "released", brake.release());
            line.put("concurrency", brake.concurrency());
        } else if (request instanceof BrakeRequest.Unknown unknown) {
            line.put("action", "none").put("reason", unknown.reason());
        }
        return line;
    }

    private static void names(ObjectNode line, String field, List<String> functions) {
        functions.forEach(line.putArray(field)::add);
    }
}
