package dev.claudefeatures.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code metadata}: an opaque user id for abuse detection; never personal data. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Metadata(String userId) {
}
