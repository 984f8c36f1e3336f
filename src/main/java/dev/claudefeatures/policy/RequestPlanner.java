package dev.claudefeatures.policy;

import java.util.List;

import dev.claudefeatures.messages.CacheControl;
import dev.claudefeatures.messages.ContentBlock;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.SystemPrompt;

/** Turns a feature's policy and its messages into a Messages API request. */
public final class RequestPlanner {

    /** A rough, deliberately simple size estimate: about four characters a token for English. */
    static final int CHARS_PER_TOKEN = 4;

    private RequestPlanner() {
    }

    public static MessageRequest.Builder plan(FeaturePolicy policy, List<Message> messages) {
        MessageRequest.Builder request = MessageRequest.builder(policy.model(), policy.maxTokens())
                .system(system(policy))
                .messages(messages);
        if (policy.temperature().isPresent()) {
            request.temperature(policy.temperature().getAsDouble());
        }
        return request;
    }

    /**
     * The system prompt, with a cache breakpoint when caching is on and the prompt is long enough
     * to be cached at all: below the model's minimum the API silently ignores a breakpoint, and a
     * block form would only add noise.
     */
    static SystemPrompt system(FeaturePolicy policy) {
        CacheControl cacheControl = policy.cache().cacheControl();
        if (cacheControl == null || estimatedTokens(policy.systemPrompt()) < policy.modelSpec().minCacheableTokens()) {
            return SystemPrompt.of(policy.systemPrompt());
        }
        return SystemPrompt.of(List.of(new ContentBlock.Text(policy.systemPrompt()).withCacheControl(cacheControl)));
    }

    static int estimatedTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
