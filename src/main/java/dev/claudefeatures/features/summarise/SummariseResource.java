package dev.claudefeatures.features.summarise;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.claudefeatures.calls.Feature;
import dev.claudefeatures.calls.FeatureCalls;
import dev.claudefeatures.calls.TextAnswer;
import dev.claudefeatures.calls.TokenUsage;
import dev.claudefeatures.web.TextRequest;

/** {@code POST /summarise {"text": "..."}}: a concise, factual summary of the text. */
@Feature("summarise")
@Path("/summarise")
public class SummariseResource {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(String summary, String model, String stopReason, TokenUsage usage) {
    }

    @Inject
    FeatureCalls calls;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Summary summarise(TextRequest request) {
        TextAnswer answer = calls.text(request);
        return new Summary(answer.text(), answer.model(), answer.stopReason(), answer.usage());
    }
}
