package dev.claudefeatures.calls;

import dev.claudefeatures.messages.MessageCall;

/** The tokens of every successful call made for one request, as its answer reports them. */
final class TokenTally {

    private TokenUsage total = TokenUsage.NONE;

    void add(MessageCall call) {
        total = total.plus(TokenUsage.of(call.response().usage()));
    }

    TokenUsage total() {
        return total;
    }
}
