package dev.claudefeatures.messages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * The Messages API on the wire. Built by {@link MessagesClient} against the current
 * {@link AnthropicEndpoint}; use {@link MessagesClient}, which adds retries, deadlines and timing.
 * Each call is a {@link Uni} so that an attempt can be given its own timeout, and cancelled
 * (its connection closed) when that passes. A {@code null} header parameter is not sent.
 */
@RegisterRestClient(configKey = "anthropic")
@RegisterProvider(ApiErrorMapper.class)
@Path("/v1/messages")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface MessagesApi {

    @POST
    Uni<RestResponse<MessageResponse>> create(
            @HeaderParam("x-api-key") String apiKey,
            @HeaderParam("anthropic-version") String version,
            @HeaderParam("anthropic-beta") String betas,
            MessageRequest request);

    @POST
    @Path("/count_tokens")
    Uni<RestResponse<TokenCount>> countTokens(
            @HeaderParam("x-api-key") String apiKey,
            @HeaderParam("anthropic-version") String version,
            @HeaderParam("anthropic-beta") String betas,
            CountTokensRequest request);
}
