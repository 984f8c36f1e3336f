package dev.claudefeatures.simulator;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Which provider a request is for, on the simulator's one port, and who answers it: Amazon
 * Bedrock's paths ({@link BedrockRoutes}); the API's paths signed with SigV4 for
 * {@code aws-external-anthropic} (Claude Platform on AWS); else the API's own, with a key. A queued
 * {@link Fault} is taken by the next request whatever its route, and answered in that route's shape.
 */
final class ProviderRoutes {

    /** SigV4's signing name of Claude Platform on AWS. */
    static final String PLATFORM_SIGNING_NAME = "aws-external-anthropic";
    static final String WORKSPACE_HEADER = "anthropic-workspace-id";

    private final SimulatedApi api;
    private final SigV4Check sigV4;
    private final BedrockRoutes bedrock;

    ProviderRoutes(SimulatedApi api, SigV4Check sigV4, BedrockRoutes bedrock) {
        this.api = api;
        this.sigV4 = sigV4;
        this.bedrock = bedrock;
    }

    /** @param fault the fault queued for this request, or null */
    SimulatedResponse answer(WireRequest request, Fault fault) {
        if (BedrockRoutes.handles(request.path())) {
            return bedrock.answer(request, fault);
        }
        if (fault != null && fault.isError()) {
            return api.error(fault.status(), fault.errorType(), fault.message(), api.nextRequestId(), fault.headers());
        }
        if (!SigV4Check.isSigned(request)) {
            return api.handle(request.method(), request.path(), request::header, request.body(), fault);
        }
        try {
            sigV4.verify(request, PLATFORM_SIGNING_NAME);
        } catch (AwsError refused) {
            return refused.response();
        }
        String workspace = request.header(WORKSPACE_HEADER);
        if (workspace == null || workspace.isBlank()) {
            // Past AWS's signature check the API itself answers, in its own error shape: a 400, as for
            // any other required header (anthropic-version).
            return api.error(400, "invalid_request_error", WORKSPACE_HEADER + ": header is required",
                    api.nextRequestId(), Map.of());
        }
        UnaryOperator<String> signed = name -> name.equals("x-api-key") ? "sigv4-" + PLATFORM_SIGNING_NAME
                : request.header(name);
        return api.handle(request.method(), request.path(), signed, request.body(), fault);
    }
}
