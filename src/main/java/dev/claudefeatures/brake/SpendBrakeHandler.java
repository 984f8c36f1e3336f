package dev.claudefeatures.brake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The spend brake's Lambda handler, on the plain {@code java21} runtime (target/brake.zip): no
 * Quarkus, so it runs the same whichever runtime the feature functions use. The functions to
 * stop are named by {@code BRAKE_FUNCTIONS} (comma-separated); the client takes region,
 * credentials and {@code AWS_ENDPOINT_URL_LAMBDA} from the standard AWS environment. Each run
 * writes one JSON line saying what it did.
 */
public final class SpendBrakeHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpendBrake brake;

    public SpendBrakeHandler() {
        this(new SpendBrake(LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                functions(System.getenv("BRAKE_FUNCTIONS"))));
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
     * The Lambda handler method. Deliberately not a {@code RequestStreamHandler}: Quarkus's Lambda
     * extension refuses a second handler class in the application, and the java21 runtime calls
     * a public (InputStream, OutputStream, Context) method just the same.
     */
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        List<String> stopped = brake.apply(event);
        ObjectNode result = JSON.createObjectNode()
                .put("type", "spend_brake")
                .put("alarm", event.path("detail").path("alarmName").asText(null))
                .put("state", event.path("detail").path("state").path("value").asText(null));
        result.putArray("stopped").addAll(stopped.stream().map(JSON.getNodeFactory()::textNode).toList());
        System.out.println(result);
        output.write(result.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
