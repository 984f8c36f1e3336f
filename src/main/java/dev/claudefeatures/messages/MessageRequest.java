package dev.claudefeatures.messages;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /v1/messages}. Null fields are not sent, so that the API applies its
 * own defaults and so that fields some API versions reject ({@code temperature}, {@code top_p},
 * {@code top_k} under 2026-10-21) never go out by accident.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageRequest(
        String model,
        Integer maxTokens,
        List<Message> messages,
        SystemPrompt system,
        /* Automatic caching: the API puts the breakpoint on the last cacheable block. */
        CacheControl cacheControl,
        List<Tool> tools,
        ToolChoice toolChoice,
        OutputConfig outputConfig,
        Metadata metadata,
        List<String> stopSequences,
        Boolean stream,
        Double temperature,
        Double topP,
        Integer topK,
        ThinkingConfig thinking,
        String serviceTier,
        String inferenceGeo,
        RequestDiagnostics diagnostics) {

    /** The same request naming {@code diagnostics}: the earlier message whose cache prefix it expects to reuse. */
    public MessageRequest withDiagnostics(RequestDiagnostics diagnostics) {
        return new MessageRequest(model, maxTokens, messages, system, cacheControl, tools, toolChoice, outputConfig,
                metadata, stopSequences, stream, temperature, topP, topK, thinking, serviceTier, inferenceGeo, diagnostics);
    }

    /** Whether the request asks for a cache breakpoint anywhere: top level, a tool, the system prompt or a message. */
    public boolean hasCacheBreakpoint() {
        return cacheControl != null
                || tools != null && tools.stream().anyMatch(tool -> tool.cacheControl() != null)
                || system instanceof SystemPrompt.Blocks blocks
                        && blocks.blocks().stream().anyMatch(block -> block.cacheControl() != null)
                || messages.stream().flatMap(message -> message.content().stream()).anyMatch(MessageRequest::marked);
    }

    private static boolean marked(ContentBlock block) {
        return block instanceof ContentBlock.Text text && text.cacheControl() != null
                || block instanceof ContentBlock.Image image && image.cacheControl() != null
                || block instanceof ContentBlock.Document document && document.cacheControl() != null
                || block instanceof ContentBlock.ToolUse use && use.cacheControl() != null
                || block instanceof ContentBlock.ToolResult result && result.cacheControl() != null;
    }

    public static Builder builder(String model, int maxTokens) {
        return new Builder(model, maxTokens);
    }

    /** The same request as a {@code count_tokens} body: the fields that endpoint accepts. */
    public CountTokensRequest forCounting() {
        return new CountTokensRequest(model, messages, system, tools, toolChoice, thinking, outputConfig);
    }

    public static final class Builder {
        private final String model;
        private final int maxTokens;
        private final List<Message> messages = new ArrayList<>();
        private SystemPrompt system;
        private CacheControl cacheControl;
        private List<Tool> tools;
        private ToolChoice toolChoice;
        private OutputConfig outputConfig;
        private Metadata metadata;
        private List<String> stopSequences;
        private Double temperature;
        private Double topP;
        private Integer topK;
        private ThinkingConfig thinking;
        private String serviceTier;
        private RequestDiagnostics diagnostics;

        private Builder(String model, int maxTokens) {
            this.model = model;
            this.maxTokens = maxTokens;
        }

        public Builder message(Message message) {
            messages.add(message);
            return this;
        }

        public Builder messages(List<Message> messages) {
            this.messages.addAll(messages);
            return this;
        }

        public Builder system(SystemPrompt system) {
            this.system = system;
            return this;
        }

        public Builder cacheControl(CacheControl cacheControl) {
            this.cacheControl = cacheControl;
            return this;
        }

        public Builder tools(List<Tool> tools) {
            this.tools = List.copyOf(tools);
            return this;
        }

        public Builder toolChoice(ToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder outputConfig(OutputConfig outputConfig) {
            this.outputConfig = outputConfig;
            return this;
        }

        public Builder metadata(Metadata metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder stopSequences(List<String> stopSequences) {
            this.stopSequences = List.copyOf(stopSequences);
            return this;
        }

        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder topP(Double topP) {
            this.topP = topP;
            return this;
        }

        public Builder topK(Integer topK) {
            this.topK = topK;
            return this;
        }

        public Builder thinking(ThinkingConfig thinking) {
            this.thinking = thinking;
            return this;
        }

        public Builder serviceTier(String serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        public Builder diagnostics(RequestDiagnostics diagnostics) {
            this.diagnostics = diagnostics;
            return this;
        }

        public MessageRequest build() {
            return new MessageRequest(model, maxTokens, List.copyOf(messages), system, cacheControl, tools,
                    toolChoice, outputConfig, metadata, stopSequences, null, temperature, topP, topK, thinking,
                    serviceTier, null, diagnostics);
        }
    }
}
