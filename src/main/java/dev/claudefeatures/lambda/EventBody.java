package dev.claudefeatures.lambda;

import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.claudefeatures.web.Problem;
import dev.claudefeatures.web.ProblemType;

/**
 * The body of an HTTP event (API Gateway v2, Function URL) checked before it is decoded: a body
 * flagged {@code isBase64Encoded} that is not base64 is the caller's mistake, a 400 problem.
 * Quarkus's Lambda adapter would answer it a bare 500 and this project's streaming loop a runtime
 * error, so the one check is here, for both.
 */
final class EventBody {

    private static final JsonFactory JSON = new JsonFactory();

    private EventBody() {
    }

    /** The problem with an event's body; empty when it can be decoded. One pass over the top-level fields. */
    static Optional<Problem> problem(byte[] event) throws IOException {
        String body = null;
        boolean base64 = false;
        try (JsonParser parser = JSON.createParser(event)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty(); // not an HTTP event: the adapter says what it makes of it
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("body".equals(field) && value == JsonToken.VALUE_STRING) {
                    body = parser.getText();
                } else if ("isBase64Encoded".equals(field)) {
                    base64 = value == JsonToken.VALUE_TRUE;
                } else {
                    parser.skipChildren();
                }
            }
        }
        return base64 ? problem(body) : Optional.empty();
    }

    /** The problem with a body flagged base64; empty when it decodes. */
    static Optional<Problem> problem(String base64Body) {
        if (base64Body == null) {
            return Optional.empty();
        }
        try {
            Base64.getDecoder().decode(base64Body);
            return Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.of(Problem.of(ProblemType.MALFORMED_JSON, 400,
                    "The request body is flagged isBase64Encoded but is not base64."));
        }
    }
}
