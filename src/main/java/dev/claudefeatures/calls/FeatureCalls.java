package dev.claudefeatures.calls;

import java.util.List;

/**
 * The one way a feature calls Claude: injected into a resource, it serves the feature that the
 * resource's {@link Feature} declares. It checks the input against the feature's policy, plans
 * the requests, repairs and escalates where the policy says so, records and traces every call, and
 * keeps all of one request's calls inside one deadline ({@link RequestBudget}). Features see
 * answers, never wire types.
 */
public final class FeatureCalls {

    private final String feature;
    private final FeatureRequests requests;

    FeatureCalls(String feature, FeatureRequests requests) {
        this.feature = feature;
        this.requests = requests;
    }

    /** The feature served, as configured under {@code features.<name>.*}. */
    public String feature() {
        return feature;
    }

    /** A text answer to {@code input}, e.g. a summary; a bad input is refused before any call. */
    public TextAnswer text(FeatureInput input) {
        return requests.text(feature, input);
    }

    /** An answer to {@code input} that fits the feature's schema, read into {@code type}. */
    public <T> StructuredAnswer<T> structured(FeatureInput input, Class<T> type) {
        return requests.structured(feature, input, type);
    }

    /**
     * A text answer to {@code question} from {@code documents}, each sent as a document block
     * before the question, where the policy's {@code cache.documents} breakpoint can hold them.
     */
    public TextAnswer fromDocuments(List<String> documents, String question) {
        return requests.fromDocuments(feature, documents, question);
    }

    /** The next assistant turn of a conversation, in one answer. */
    public TextAnswer chat(List<ChatTurn> turns) {
        return requests.chat(feature, turns);
    }

    /**
     * The next assistant turn of a conversation, to be streamed: the input is checked, the request
     * planned and its deadline started here, on the request's thread; the returned stream may run
     * on another, its spans still in the request's trace.
     */
    public ChatStream chatStream(List<ChatTurn> turns) {
        return requests.chatStream(feature, turns);
    }
}
