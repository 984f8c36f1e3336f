package dev.claudefeatures.web;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A JSON body declared in a charset other than UTF-8, or under a Content-Type that is not a media
 * type at all, is refused with a 415 problem before it is read: JSON is UTF-8 (RFC 8259), and the
 * model would get the text garbled otherwise.
 */
public class Utf8Only {

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOtherCharsets(ContainerRequestContext request) {
        MediaType type;
        try {
            type = request.getMediaType();
        } catch (IllegalArgumentException notAMediaType) {
            // Left to the framework, a Content-Type that does not parse fails every later step with a 500.
            return Optional.of(refused(request, "The Content-Type header is not a media type; send application/json."));
        }
        boolean json = type != null && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"));
        // Other media types get the resource's own 415.
        String charset = json ? type.getParameters().get(MediaType.CHARSET_PARAMETER) : null;
        if (charset == null || charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8")) {
            return Optional.empty();
        }
        return Optional.of(refused(request,
                "Send the request body as application/json in UTF-8; charset " + bounded(charset) + " is not accepted."));
    }

    private static Response refused(ContainerRequestContext request, String detail) {
        Problem problem = Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, 415, detail)
                .withInstance(request.getUriInfo().getPath());
        return Response.status(415).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String bounded(String charset) {
        String printable = charset.replaceAll("[^A-Za-z0-9._:-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
