package dev.claudefeatures.features.chat;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.claudefeatures.calls.ChatTurn;
import dev.claudefeatures.calls.Feature;
import dev.claudefeatures.calls.FeatureCalls;
import dev.claudefeatures.calls.TextAnswer;
import dev.claudefeatures.calls.TokenUsage;
import io.smallrye.mutiny.Multi;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /chat {"messages": [{"role": "user", "content": "..."}, ...]}}: the next assistant
 * turn. With {@code Accept: text/event-stream} the text is relayed as it is written
 * ({@link ChatRelay}); otherwise it comes as one JSON answer.
 */
@Feature("chat")
@Path("/chat")
public class ChatResource {

    public record ChatRequest(List<ChatTurn> messages) {

        static List<ChatTurn> turnsOf(ChatRequest request) {
            return request == null ? null : request.messages();
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Reply(String reply, String model, String stopReason, TokenUsage usage) {
    }

    @Inject
    FeatureCalls calls;

    @Inject
    ChatRelay relay;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Reply reply(ChatRequest request) {
        TextAnswer answer = calls.chat(ChatRequest.turnsOf(request));
        return new Reply(answer.text(), answer.model(), answer.stopReason(), answer.usage());
    }

    @POST
    @Blocking // waits for the first text, so that a failure before it is a plain problem answer
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(ChatRequest request, @Context Sse sse) {
        // Bad input is a problem+json 400 like any other: checked before the stream opens.
        return relay.relay(calls.chatStream(ChatRequest.turnsOf(request)), sse, "/chat");
    }
}
