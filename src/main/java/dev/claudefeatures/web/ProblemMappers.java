package dev.claudefeatures.web;

import java.time.Clock;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.claudefeatures.messages.AnthropicApiException;
import dev.claudefeatures.messages.AnthropicResponseException;
import dev.claudefeatures.messages.AnthropicCredentialsException;
import dev.claudefeatures.messages.AnthropicTransportException;
import dev.claudefeatures.calls.InvalidInputException;
import dev.claudefeatures.calls.OutOfTimeException;
import dev.claudefeatures.calls.StructuredAnswerException;

/**
 * Every failure becomes an RFC 9457 problem. Nothing here ever puts a stack trace or an
 * exception message from a library into an answer: those go to the log only.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @jakarta.inject.Inject
    AllowedMethods allowedMethods;

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        String field = "'" + e.field().replace(", ", "', '") + "'";
        return answer(switch (e.reason()) {
            case MISSING -> Problem.of(ProblemType.INVALID_INPUT, 400, "The field " + field
                    + " is required and must not be blank, e.g. " + switch (e.field()) {
                        case "messages" -> "{\"messages\": [{\"role\": \"user\", \"content\": \"...\"}]}.";
                        case "documents" -> "{\"documents\": [\"...\"], \"question\": \"...\"}.";
                        default -> "{\"" + e.field() + "\": \"...\"}.";
                    });
            case MALFORMED -> Problem.of(ProblemType.INVALID_INPUT, 400,
                    "The field " + field + " is not well-formed Unicode (a surrogate without its pair).");
            case TOO_LARGE -> Problem.of(ProblemType.INPUT_TOO_LARGE, 413, (e.field().contains(", ")
                    ? "The fields " + field + " have " + e.length() + " characters in all"
                    : "The field " + field + " has " + e.length() + " characters") + "; at most " + e.limit()
                    + " are accepted.");
            case BAD_CONVERSATION -> Problem.of(ProblemType.INVALID_INPUT, 400, "The field " + field
                    + " must hold turns of role 'user' and 'assistant' by turns, each with non-blank 'content', "
                    + "the first and the last from 'user'.");
            case INVALID -> Problem.of(ProblemType.INVALID_INPUT, 400, "The field " + field + " must be "
                    + e.requirement() + ".");
        }, uri);
    }

    @ServerExceptionMapper
    public Response outOfTime(OutOfTimeException e, UriInfo uri) {
        LOG.warnf("No usable answer of %s within the request's time budget: %s", e.feature(), e.getMessage());
        return answer(Problem.of(ProblemType.UPSTREAM_TIMEOUT, 504,
                "No usable answer could be made within the request's time budget."), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        // The parser's own message may quote the input; only its position goes out.
        String where = e.getLocation() == null ? ""
                : " near line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        // Jackson reads the bytes as UTF-8 and stops at the first that is not: say so, not "not JSON".
        boolean notUtf8 = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Invalid UTF-8");
        return answer(Problem.of(ProblemType.MALFORMED_JSON, 400, notUtf8
                ? "The request body is not UTF-8 text" + where + "; JSON must be UTF-8."
                : "The request body is not valid JSON of the expected shape" + where + "."), uri);
    }

    /** Quarkus maps this subtype itself (as plain JSON); the same type here takes precedence. */
    @ServerExceptionMapper
    public Response wrongJsonShape(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, UriInfo uri) {
        return answer(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, 415,
                "Send the request body as application/json."), uri);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return answer(Problem.of(ProblemType.NOT_FOUND, 404, "No such resource."), uri);
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, UriInfo uri) {
        java.util.Set<String> allowed = new java.util.TreeSet<>(e.getResponse().getAllowedMethods());
        allowed.addAll(allowedMethods.of(uri.getPath()));
        Response answer = answer(Problem.of(ProblemType.METHOD_NOT_ALLOWED, 405,
                "Allowed: " + String.join(", ", allowed) + "."), uri);
        return Response.fromResponse(answer).allow(allowed).build();
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return answer(Problem.of(ProblemType.NOT_ACCEPTABLE, 406, "This resource answers application/json."), uri);
    }

    @ServerExceptionMapper
    public Response upstream(AnthropicApiException e, UriInfo uri) {
        LOG.warnf("Anthropic API answered %d %s (request-id %s) after %d attempt(s): %s", e.status(),
                e.errorType(), e.requestId(), e.attempts(), e.getMessage());
        Problem problem = upstreamProblem(e)
                .withUpstream(e.requestId(), e.status(), e.errorType());
        Response answer = answer(problem, uri);
        if (problem.status() != 503) {
            return answer;
        }
        long seconds = RetryAfter.seconds(e.retryAfter(Clock.systemUTC()));
        return Response.fromResponse(answer).header("Retry-After", Long.toString(seconds)).build();
    }

    @ServerExceptionMapper
    public Response unusableAnswer(AnthropicResponseException e, UriInfo uri) {
        LOG.warnf("Anthropic API answered something that is not a usable message (request-id %s): %s",
                e.requestId(), e.getMessage());
        return answer(Problem.of(ProblemType.UPSTREAM_ERROR, 502, "The Anthropic API's answer could not be used.")
                .withUpstream(e.requestId(), 200, "invalid_response"), uri);
    }

    private static Problem upstreamProblem(AnthropicApiException e) {
        if (e instanceof AnthropicApiException.RateLimited || e instanceof AnthropicApiException.Overloaded) {
            return Problem.of(ProblemType.UPSTREAM_UNAVAILABLE, 503,
                    "The Anthropic API is rate limiting or overloaded (" + e.errorType() + "); try again later.");
        }
        if (e.status() == 504) {
            return Problem.of(ProblemType.UPSTREAM_TIMEOUT, 504,
                    "The Anthropic API timed out (" + e.errorType() + ").");
        }
        return Problem.of(ProblemType.UPSTREAM_ERROR, 502,
                "The Anthropic API answered " + e.status() + " " + e.errorType() + ".");
    }

    @ServerExceptionMapper
    public Response structuredAnswer(StructuredAnswerException e, UriInfo uri) {
        LOG.warnf("Unusable structured answer of %s from %s: %s %s", e.feature(), e.model(), e.getMessage(),
                e.violations());
        Problem problem = switch (e.kind()) {
            case INVALID -> Problem.of(ProblemType.INVALID_ANSWER, 502,
                    "The model's answer did not fit the schema, even after one repair.")
                    .withViolations(e.violations());
            case INCOMPLETE -> Problem.of(ProblemType.INCOMPLETE_ANSWER, 502,
                    "The model's answer was cut off before it was complete; it was not used.");
            case REFUSED -> Problem.of(ProblemType.ANSWER_REFUSED, 422,
                    "The model declined to answer for this input.");
        };
        return answer(problem, uri);
    }

    @ServerExceptionMapper
    public Response transport(AnthropicTransportException e, UriInfo uri) {
        LOG.warnf(e, "Anthropic API not reached after %d attempt(s)", e.attempts());
        return answer(e.timedOut()
                ? Problem.of(ProblemType.UPSTREAM_TIMEOUT, 504, "The Anthropic API did not answer in time.")
                : Problem.of(ProblemType.UPSTREAM_ERROR, 502, "The Anthropic API could not be reached."), uri);
    }

    @ServerExceptionMapper
    public Response credentials(AnthropicCredentialsException e, UriInfo uri) {
        LOG.error("No Anthropic API key: " + e.getMessage(), e.getCause());
        return answer(Problem.of(ProblemType.NOT_CONFIGURED, 500,
                "The service has no usable Anthropic API key; the operator has been told in the log."), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        // Some readers wrap a parse failure; its cause then decides the answer.
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        return answer(new Problem("about:blank", e.getResponse().getStatusInfo().getReasonPhrase(), status,
                null, null, null, null, null, null), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("Unexpected failure serving " + (uri == null ? "a stream" : uri.getPath()), e);
        return answer(Problem.of(ProblemType.INTERNAL_ERROR, 500, "An unexpected error occurred."), uri);
    }

    /**
     * The problem a failure is answered with, for a stream that has already sent its status:
     * a relay puts it in its {@code error} event.
     */
    public Problem problemFor(RuntimeException e, String path) {
        Response response;
        if (e instanceof AnthropicApiException api) {
            response = upstream(api, null);
        } else if (e instanceof AnthropicResponseException unusable) {
            response = unusableAnswer(unusable, null);
        } else if (e instanceof AnthropicTransportException transport) {
            response = transport(transport, null);
        } else if (e instanceof OutOfTimeException outOfTime) {
            response = outOfTime(outOfTime, null);
        } else {
            response = unexpected(e, null);
        }
        return ((Problem) response.getEntity()).withInstance(path);
    }

    private static Response answer(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri == null ? null : uri.getPath()))
                .build();
    }
}
