package dev.claudefeatures.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Drops {@code Transfer-Encoding} from every response before its headers go out. Behind
 * quarkus-amazon-lambda-http an answer is a Lambda response, not an HTTP/1.1 message: a streamed
 * (chunked) answer such as chat's event stream otherwise reaches API Gateway, and the mock event
 * server, with an empty {@code transfer-encoding} header, which makes a client wait for the end of
 * a body that never comes. The framing is the front door's business, never the function's.
 */
@ApplicationScoped
public class NoTransferEncodingOnLambda {

    void register(@Observes Filters filters) {
        filters.register(context -> {
            context.addHeadersEndHandler(ignored -> context.response().headers().remove("Transfer-Encoding"));
            context.next();
        }, 100);
    }
}
