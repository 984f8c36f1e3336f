package dev.claudefeatures.features.extract;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.policy.StructuredAnswer;
import dev.claudefeatures.policy.StructuredCalls;
import dev.claudefeatures.web.TextRequest;
import dev.claudefeatures.web.Problem;
import dev.claudefeatures.web.ProblemException;
import dev.claudefeatures.web.ProblemType;

/**
 * {@code POST /extract/{kind} {"text": "..."}}: structured data from a document, for every
 * extractor configured as {@code features.extract-<kind>} with a schema and an output record.
 * A new extractor needs no code here: see README, "Adding an extractor".
 */
@Path("/extract/{kind}")
public class ExtractResource {

    private final Policies policies;
    private final StructuredCalls structured;
    private final ObjectMapper json;

    @Inject
    public ExtractResource(Policies policies, StructuredCalls structured, ObjectMapper json) {
        this.policies = policies;
        this.structured = structured;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Object extract(@PathParam("kind") String kind, TextRequest request) throws JsonProcessingException {
        FeaturePolicy policy = policies.find("extract-" + kind)
                .filter(p -> p.schema().isPresent() && p.outputType().isPresent())
                .orElseThrow(() -> new ProblemException(Problem.of(ProblemType.NOT_FOUND, 404,
                        "No extractor '" + kind + "'.")));
        String text = TextRequest.require(request, policy.maxInputChars());
        StructuredAnswer answer = structured.call(policy, policy.schema().get(), text);
        // Reading into the record checks the Java shape too; writing it back gives the documented JSON.
        return json.treeToValue(answer.value(), policy.outputType().get());
    }
}
