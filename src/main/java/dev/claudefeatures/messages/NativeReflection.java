package dev.claudefeatures.messages;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The wire types, which {@link AnthropicTransport} hands to Jackson by value where Quarkus sees no
 * signature to discover them from (it is not a REST client); a native image needs them registered
 * to (de)serialise them.
 */
@RegisterForReflection(targets = {
        MessageRequest.class, MessageResponse.class, CountTokensRequest.class, TokenCount.class, Message.class,
        ContentBlock.Text.class, ContentBlock.Image.class, ContentBlock.Document.class, ContentBlock.ToolUse.class,
        ContentBlock.ToolResult.class, ContentBlock.Thinking.class, ContentBlock.RedactedThinking.class,
        ContentBlock.Unknown.class, SystemPrompt.Plain.class, SystemPrompt.Blocks.class, CacheControl.class,
        Usage.CacheCreation.class, Usage.OutputTokensDetails.class, MessageResponse.Diagnostics.class,
        MessageResponse.CacheMissReason.class, Tool.class, ToolChoice.class, OutputConfig.class,
        OutputConfig.Format.class, Metadata.class, ThinkingConfig.class, RequestDiagnostics.class })
final class NativeReflection {

    private NativeReflection() {
    }
}
