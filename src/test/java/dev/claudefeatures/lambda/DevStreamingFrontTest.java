package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The routes on the dev streaming port answer as they are written: the first chat delta reaches
 * the caller while the simulator is still streaming, and a caller that leaves ends the upstream
 * stream. What {@code curl -N} shows in dev mode.
 */
@QuarkusTest
class DevStreamingFrontTest extends OnTheSimulator {

    private static final String CONVERSATION = "{\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Please explain, in a few sentences, how the depot schedules its morning deliveries.\"}]}";

    @Inject
    DevStreamingFront front;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<InputStream> open(String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(front.baseUri().resolve("/chat"))
                .header("content-type", "application/json").header("accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(CONVERSATION)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void theFirstDeltaReachesTheCallerWhileTheSimulatorIsStillStreaming() throws Exception {
        HttpResponse<InputStream> response = open("text/event-stream");
        List<String> lines = new ArrayList<>();
        int openAtFirstDelta = -1;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null;) {
                if (line.startsWith("event:delta") && openAtFirstDelta < 0) {
                    openAtFirstDelta = simulator.streamsOpen();
                }
                lines.add(line);
            }
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(openAtFirstDelta).as("upstream streams still open when the first delta arrived").isEqualTo(1);
        assertThat(lines).filteredOn(line -> line.startsWith("event:delta")).hasSizeGreaterThan(3);
        assertThat(lines).contains("event:done");
    }

    @Test
    void aCallerThatLeavesEndsTheUpstreamStream() throws Exception {
        long abandonedBefore = simulator.streamsAbandoned();
        HttpResponse<InputStream> response = open("text/event-stream");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null && !line.startsWith("event:delta");) {
                // read up to the first delta, then leave
            }
        }
        for (int wait = 0; wait < 150 && simulator.streamsAbandoned() == abandonedBefore; wait++) {
            Thread.sleep(20);
        }
        assertThat(simulator.streamsAbandoned()).isEqualTo(abandonedBefore + 1);
    }

    @Test
    void aJsonAnswerComesWholeAndBadInputIsAProblem() throws Exception {
        HttpResponse<InputStream> json = open("application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(new String(json.body().readAllBytes(), StandardCharsets.UTF_8)).contains("\"reply\":\"[offline simulator]");

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(front.baseUri().resolve("/chat"))
                .header("content-type", "application/json").header("accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
    }
}
