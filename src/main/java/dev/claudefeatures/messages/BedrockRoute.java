package dev.claudefeatures.messages;

/** How Amazon Bedrock serves a model ({@code models.<id>.bedrock.route}). */
public enum BedrockRoute {

    /**
     * {@code InvokeModel}: {@code POST /model/<id>/invoke} and {@code /invoke-with-response-stream}
     * on bedrock-runtime, signed for {@code bedrock}; the Messages body without {@code model}, with
     * {@code anthropic_version}; the stream in AWS event-stream framing.
     */
    INVOKE,

    /**
     * The Messages API itself on bedrock-mantle ({@code /anthropic/v1/messages}), signed for
     * {@code bedrock-mantle}; server-sent events, as from the API.
     */
    MESSAGES
}
