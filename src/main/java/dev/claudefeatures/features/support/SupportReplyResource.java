package dev.claudefeatures.features.support;

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
import dev.claudefeatures.calls.FeatureInput;
import dev.claudefeatures.calls.TextAnswer;
import dev.claudefeatures.calls.TokenUsage;

/**
 * {@code POST /support/reply {"ticket": "..."}}: a draft reply to a support ticket under the
 * support playbook ({@code prompts/support-reply.txt}, about 4,000 tokens), which is the cached
 * prefix: after the first call, every call reads it at a tenth of the input price.
 */
@Feature("support-reply")
@Path("/support/reply")
public class SupportReplyResource {

    public record SupportTicket(String ticket) implements FeatureInput {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Reply(String reply, String model, String stopReason, TokenUsage usage) {
    }

    @Inject
    FeatureCalls calls;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Reply draft(SupportTicket request) {
        TextAnswer answer = calls.text(request);
        return new Reply(answer.text(), answer.model(), answer.stopReason(), answer.usage());
    }
}
