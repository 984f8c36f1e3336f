package dev.claudefeatures.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.claudefeatures.messages.CacheControl;
import dev.claudefeatures.messages.ContentBlock;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.SystemPrompt;
import dev.claudefeatures.messages.Tool;

/**
 * Places a feature's cache breakpoints over the prefix order tools → system → messages. A
 * breakpoint is placed only where its cumulative prefix reaches the model's minimum cacheable
 * length (below it the API silently caches nothing, and the write premium of a 1h entry would be
 * wasted); never more than {@value #MAX_BREAKPOINTS}; and the TTLs never rise along the prefix
 * ({@link ConfigurationCheck} refuses a 1h breakpoint after a 5m one).
 *
 * <p>Sizes are estimated at {@value #CHARS_PER_TOKEN} characters a token: text by
 * its characters, tools and documents by their JSON. The estimate errs both ways for other
 * languages and for models from 4.7 on; a breakpoint that then caches nothing shows up as
 * {@code cache_ineffective} in the usage line and the {@code CacheIneffective} metric.
 */
public final class CachePlanner {

    /** A rough, deliberately simple size estimate: about four characters a token for English. */
    static final int CHARS_PER_TOKEN = 4;

    /** The API's limit: a fifth breakpoint is a 400. */
    static final int MAX_BREAKPOINTS = 4;

    private CachePlanner() {
    }

    /** Puts the policy's breakpoints into {@code request}, which holds tools, system and messages unmarked. */
    public static MessageRequest.Builder place(FeaturePolicy policy, MessageRequest.Builder request, List<Tool> tools,
            List<Message> messages) {
        CachePolicy cache = policy.cache();
        int minimum = policy.modelSpec().minCacheableTokens();
        int prefix = 0;
        int placed = 0;

        List<Tool> plannedTools = tools;
        if (tools != null && !tools.isEmpty()) {
            prefix += tools.stream().mapToInt(tool -> estimatedTokens(String.valueOf(tool.inputSchema()))
                    + estimatedTokens(tool.name() + tool.description())).sum();
            if (cache.tools().cacheControl() != null && prefix >= minimum) {
                plannedTools = new ArrayList<>(tools);
                Tool last = plannedTools.remove(plannedTools.size() - 1);
                plannedTools.add(new Tool(last.name(), last.description(), last.inputSchema(), last.strict(),
                        cache.tools().cacheControl()));
                placed++;
            }
            request.tools(plannedTools);
        }

        prefix += estimatedTokens(policy.systemPrompt());
        if (cache.system().cacheControl() != null && prefix >= minimum && placed < MAX_BREAKPOINTS) {
            request.system(SystemPrompt.of(List.of(
                    new ContentBlock.Text(policy.systemPrompt()).withCacheControl(cache.system().cacheControl()))));
            placed++;
        } else {
            request.system(SystemPrompt.of(policy.systemPrompt()));
        }

        List<Message> planned = new ArrayList<>(messages);
        int lastDocument = -1;
        int lastDocumentBlock = -1;
        int[] sizes = new int[planned.size()];
        for (int m = 0; m < planned.size(); m++) {
            List<ContentBlock> content = planned.get(m).content();
            for (int b = 0; b < content.size(); b++) {
                sizes[m] += size(content.get(b));
                if (content.get(b) instanceof ContentBlock.Document) {
                    lastDocument = m;
                    lastDocumentBlock = b;
                }
            }
        }
        if (cache.documents().cacheControl() != null && lastDocument >= 0 && placed < MAX_BREAKPOINTS
                && prefix + sum(sizes, 0, lastDocument) >= minimum) {
            Optional<Message> marked = mark(planned.get(lastDocument), lastDocumentBlock, cache.documents().cacheControl());
            if (marked.isPresent()) {
                planned.set(lastDocument, marked.get());
                placed++;
            }
        }
        // The conversation so far: everything before the newest turn, read back on the next one.
        int history = planned.size() - 2;
        if (cache.conversation().cacheControl() != null && history >= 0 && placed < MAX_BREAKPOINTS
                && prefix + sum(sizes, 0, history) >= minimum) {
            Message before = planned.get(history);
            Optional<Message> marked = mark(before, before.content().size() - 1, cache.conversation().cacheControl());
            if (marked.isPresent()) {
                planned.set(history, marked.get());
                placed++;
            }
        }
        request.messages(planned);

        if (cache.automatic().cacheControl() != null && placed < MAX_BREAKPOINTS
                && prefix + sum(sizes, 0, planned.size() - 1) >= minimum) {
            request.cacheControl(cache.automatic().cacheControl());
        }
        return request;
    }

    /**
     * What the planner will leave out for every request of a feature whatever its input: a
     * breakpoint on tools or system prompt whose prefix is below the model's minimum. Logged
     * once at start-up.
     */
    static List<String> staticGaps(FeaturePolicy policy, int toolTokens) {
        return List.copyOf(staticGapsByPrefix(policy, toolTokens).values());
    }

    /** {@link #staticGaps}, each under its prefix's configuration key ({@code tools}, {@code system}). */
    static Map<String, String> staticGapsByPrefix(FeaturePolicy policy, int toolTokens) {
        Map<String, String> gaps = new LinkedHashMap<>();
        int minimum = policy.modelSpec().minCacheableTokens();
        if (policy.cache().tools().cacheControl() != null && toolTokens < minimum) {
            gaps.put("tools", "tools: about " + toolTokens + " tokens, below " + policy.model() + "'s minimum of "
                    + minimum);
        }
        int system = toolTokens + estimatedTokens(policy.systemPrompt());
        if (policy.cache().system().cacheControl() != null && system < minimum) {
            gaps.put("system", "system prompt: about " + system + " tokens"
                    + (toolTokens > 0 ? " with the tools before it" : "") + ", below " + policy.model()
                    + "'s minimum of " + minimum);
        }
        return gaps;
    }

    private static int size(ContentBlock block) {
        if (block instanceof ContentBlock.Text text) {
            return estimatedTokens(text.text());
        }
        if (block instanceof ContentBlock.Document document) {
            return estimatedTokens(String.valueOf(document.source()));
        }
        return estimatedTokens(block.toString());
    }

    private static int sum(int[] sizes, int from, int to) {
        int total = 0;
        for (int i = from; i <= to && i < sizes.length; i++) {
            total += sizes[i];
        }
        return total;
    }

    /** The message with block {@code index} carrying {@code cacheControl}, where that block type can carry one. */
    private static Optional<Message> mark(Message message, int index, CacheControl cacheControl) {
        List<ContentBlock> content = new ArrayList<>(message.content());
        ContentBlock block = content.get(index);
        ContentBlock marked;
        if (block instanceof ContentBlock.Text text) {
            marked = text.withCacheControl(cacheControl);
        } else if (block instanceof ContentBlock.Document document) {
            marked = new ContentBlock.Document(document.source(), document.title(), document.context(),
                    document.citations(), cacheControl);
        } else if (block instanceof ContentBlock.ToolResult result) {
            marked = new ContentBlock.ToolResult(result.toolUseId(), result.content(), result.isError(), cacheControl);
        } else {
            return Optional.empty();
        }
        content.set(index, marked);
        return Optional.of(new Message(message.role(), content));
    }

    static int estimatedTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
