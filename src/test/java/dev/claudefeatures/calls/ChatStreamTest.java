package dev.claudefeatures.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.messages.AnthropicTransportException;
import dev.claudefeatures.testing.LineCapture;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A chat turn streamed from the simulator, which sends an event every
 * {@code anthropic.simulator.stream-pace}: the first text is handed on while the simulator is
 * still sending, and a caller that leaves closes the upstream stream.
 */
@QuarkusTest
class ChatStreamTest extends OnTheSimulator {

    private static final List<ChatTurn> TURNS = List.of(new ChatTurn("user",
            "Please explain, in a few sentences, how the depot schedules its morning deliveries."));

    @Inject
    FeatureRequests calls;

    @Test
    void theFirstTextArrivesWhileTheSimulatorIsStillSendingTheStream() {
        List<Integer> openWhenFirstTextArrived = new ArrayList<>();
        List<String> texts = new ArrayList<>();

        TextAnswer answer = calls.chatStream("chat", TURNS).run(text -> {
            if (texts.isEmpty()) {
                openWhenFirstTextArrived.add(simulator.streamsOpen());
            }
            texts.add(text);
        }, new CallCancellation());

        assertThat(openWhenFirstTextArrived).containsExactly(1);
        assertThat(texts).hasSizeGreaterThan(3);
        assertThat(String.join("", texts)).isEqualTo(answer.text());
        assertThat(simulator.streamsOpen()).isZero();
    }

    @Test
    void aCallerThatLeavesClosesTheUpstreamStreamAndTheCallIsRecordedAsCancelled() throws Exception {
        LineCapture lines = LineCapture.install();
        long abandonedBefore = simulator.streamsAbandoned();
        CallCancellation cancellation = new CallCancellation();
        List<String> texts = new ArrayList<>();

        assertThatThrownBy(() -> calls.chatStream("chat", TURNS).run(text -> {
            texts.add(text);
            cancellation.cancel();
        }, cancellation)).isInstanceOfSatisfying(AnthropicTransportException.class,
                failure -> assertThat(failure.cancelled()).isTrue());

        assertThat(texts).hasSize(1);
        for (int wait = 0; wait < 100 && simulator.streamsAbandoned() == abandonedBefore; wait++) {
            Thread.sleep(20); // the simulator sees the closed connection at its next frame
        }
        assertThat(simulator.streamsAbandoned()).isEqualTo(abandonedBefore + 1);
        JsonNode usage = lines.ofType("claude_call").get(0);
        assertThat(usage.path("error_type").asText()).isEqualTo("cancelled");
        assertThat(usage.path("input_tokens").asInt()).as("the usage reported before the cut").isPositive();
    }
}
