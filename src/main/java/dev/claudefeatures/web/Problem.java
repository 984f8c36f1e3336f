package dev.claudefeatures.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. The {@code upstream_*}
 * members say what the Anthropic API answered, so an operator can quote its request id;
 * {@code violations} lists what was wrong with a structured answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String upstreamRequestId,
        Integer upstreamStatus,
        String upstreamErrorType,
        List<String> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, int status, String detail) {
        return new Problem(type.uri(), type.title(), status, detail, null, null, null, null, null);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, upstreamRequestId, upstreamStatus,
                upstreamErrorType, violations);
    }

    public Problem withUpstream(String requestId, Integer status, String errorType) {
        return new Problem(type, title, this.status, detail, instance, requestId, status, errorType, violations);
    }

    public Problem withViolations(List<String> violations) {
        return new Problem(type, title, status, detail, instance, upstreamRequestId, upstreamStatus,
                upstreamErrorType, List.copyOf(violations));
    }
}
