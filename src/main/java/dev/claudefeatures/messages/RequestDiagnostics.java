package dev.claudefeatures.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code diagnostics}: names an earlier message whose cache prefix this request expected to
 * reuse; the response then says why it was missed ({@link MessageResponse.Diagnostics}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RequestDiagnostics(String previousMessageId) {
}
