package dev.claudefeatures.messages;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Wire types that Jackson reaches only through {@link ContentBlockDeserializer} or nested
 * generics, which Quarkus cannot discover from the REST client's signatures; a native image
 * needs them registered to (de)serialise them.
 */
@RegisterForReflection(targets = {
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
