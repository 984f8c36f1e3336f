package dev.claudefeatures.features.translate;

import java.util.Set;

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
import dev.claudefeatures.calls.InvalidInputException;
import dev.claudefeatures.calls.TextAnswer;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * A feature as a new user writes one, with an input of two fields: {@code POST /translate
 * {"text": "...", "target_language": "de"}}. Only in {@link TypedInputTest}'s application.
 */
@IfBuildProperty(name = TypedInputTest.SWITCH, stringValue = "on")
@Feature("translate")
@Path("/translate")
public class TranslateResource {

    private static final Set<String> LANGUAGES = Set.of("de", "es", "fr", "it", "ja", "pt");

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Translation(String text, String targetLanguage) implements FeatureInput {

        @Override
        public void check() {
            if (!LANGUAGES.contains(targetLanguage)) {
                throw InvalidInputException.invalid("target_language", "one of " + String.join(", ",
                        LANGUAGES.stream().sorted().toList()));
            }
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Translated(String translation, String model) {
    }

    @Inject
    FeatureCalls calls;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Translated translate(Translation request) {
        TextAnswer answer = calls.text(request);
        return new Translated(answer.text(), answer.model());
    }
}
