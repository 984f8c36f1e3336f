package dev.claudefeatures.features.classify;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.claudefeatures.calls.Feature;
import dev.claudefeatures.calls.FeatureCalls;
import dev.claudefeatures.calls.StructuredAnswer;
import dev.claudefeatures.web.TextRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /classify/ticket {"text": "..."}}: the ticket's category (one of
 * {@code features.classify-ticket.enums.category}), how confident the model is, and which model
 * answered; low-confidence answers go to a stronger model (the policy's {@code escalation}).
 */
@Feature("classify-ticket")
@Path("/classify/ticket")
public class ClassifyTicketResource {

    /** The answer as {@code schemas/ticket-classification.json} has it. */
    @RegisterForReflection
    public record Ticket(String category, double confidence) {
    }

    public record Classification(String category, double confidence, String model) {
    }

    @Inject
    FeatureCalls calls;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Classification classify(TextRequest request) {
        StructuredAnswer<Ticket> answer = calls.structured(request, Ticket.class);
        return new Classification(answer.value().category(), answer.value().confidence(), answer.model());
    }
}
