package dev.claudefeatures.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;

/**
 * A request URI that is not a valid URI, or whose query string is not valid percent-encoding
 * ({@code ?a=%zz}), is answered as a 400 problem before anything reads it. Quarkus would answer it
 * itself, with a bare 400 and no body, unless {@value #QUARKUS_CHECK_OFF} is set, which the
 * functions set before Quarkus starts ({@code LambdaHandler}, the {@code stream-runtime} wrapper;
 * the build sets it for the tests and dev mode); this check then takes its place, with a body. A
 * route of the lowest order, so that it runs first.
 */
@ApplicationScoped
public class RequestUriCheck {

    /** The system property that turns Quarkus's own URI check (a bare 400) off. */
    public static final String QUARKUS_CHECK_OFF = "vertx.disableURIValidation";

    void install(@Observes Router router, ObjectMapper json) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String problem = problemOf(context.request().uri());
            if (problem == null) {
                context.next();
                return;
            }
            try {
                context.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end(json.writeValueAsString(Problem.of(ProblemType.INVALID_INPUT, 400, problem)
                                .withInstance(context.request().path())));
            } catch (JsonProcessingException e) {
                context.fail(e);
            }
        });
    }

    /** What is wrong with {@code uri}; null when nothing is. */
    static String problemOf(String uri) {
        int query = uri.indexOf('?');
        if (query >= 0) {
            try {
                URLDecoder.decode(uri.substring(query + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return "the query string is not valid percent-encoding";
            }
        }
        try {
            new URI(uri);
            return null;
        } catch (URISyntaxException invalid) {
            return "the request URI is not valid";
        }
    }
}
