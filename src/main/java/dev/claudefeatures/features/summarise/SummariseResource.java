package dev.claudefeatures.features.summarise;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageCall;
import dev.claudefeatures.policy.FeatureCalls;
import dev.claudefeatures.policy.TokenUsage;
import dev.claudefeatures.web.TextRequest;

/** {@code POST /summarise {"text": "..."}}: a concise, factual summary of the text. */
@Path("/summarise")
public class SummariseResource {

    static final String FEATURE = "summarise";

    public record Summary(String summary, String model, String stopReason, TokenUsage usage) {
    }

    private final FeatureCalls calls;

    @Inject
    public SummariseResource(FeatureCalls calls) {
        this.calls = calls;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Summary summarise(TextRequest request) {
        String text = TextRequest.require(request, calls.policy(FEATURE).maxInputChars());
        MessageCall call = calls.complete(FEATURE, List.of(Message.user(text)));
        return new Summary(call.response().text(), call.response().model(),
                call.response().stopReason().wireName(), TokenUsage.of(call.response().usage()));
    }
}
