package dev.claudefeatures.features.classify;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.policy.SchemaCheck;
import dev.claudefeatures.policy.StructuredAnswer;
import dev.claudefeatures.policy.StructuredCalls;
import dev.claudefeatures.web.TextRequest;
import io.smallrye.config.ConfigMapping;

/**
 * {@code POST /classify/ticket {"text": "..."}}: the ticket's category, how confident the model
 * is, and which model answered; low-confidence answers go to a stronger model (see the policy's
 * {@code escalation}).
 */
@Path("/classify/ticket")
public class ClassifyTicketResource {

    static final String FEATURE = "classify-ticket";

    /** {@code features.classify-ticket.categories}: the categories a ticket can fall into. */
    @ConfigMapping(prefix = "features.classify-ticket")
    public interface Categories {
        /** The categories, in the order the prompt lists them. */
        List<String> categories();
    }

    public record Classification(String category, double confidence, String model) {
    }

    private final FeaturePolicy policy;
    private final SchemaCheck schema;
    private final StructuredCalls structured;

    @Inject
    public ClassifyTicketResource(Policies policies, Categories categories, StructuredCalls structured) {
        this.policy = policies.of(FEATURE);
        this.schema = withCategories(policy.schema().orElseThrow(), categories.categories());
        this.structured = structured;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Classification classify(TextRequest request) {
        String text = TextRequest.require(request, policy.maxInputChars());
        StructuredAnswer answer = structured.call(policy, schema, text);
        return new Classification(answer.value().path("category").asText(),
                answer.value().path("confidence").asDouble(), answer.model());
    }

    /** The schema file leaves the category open; the configured categories close it. */
    static SchemaCheck withCategories(SchemaCheck base, List<String> categories) {
        JsonNode schema = base.schema().deepCopy();
        ObjectNode category = (ObjectNode) schema.path("properties").path("category");
        category.putArray("enum").addAll(categories.stream()
                .map(com.fasterxml.jackson.databind.node.TextNode::valueOf).toList());
        return new SchemaCheck(FEATURE, schema);
    }
}
