/**
 * A typed client of the Anthropic Messages API: wire records, errors, retries.
 *
 * <p>It knows nothing of features, Lambda or metrics: callers pass a {@link MessageRequest} and
 * get a {@link MessageCall} back, or an {@link AnthropicException}.
 */
package dev.claudefeatures.messages;
