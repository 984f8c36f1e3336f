package dev.claudefeatures.messages;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Messages API, typed: a message created whole ({@link #create}) or streamed ({@link #stream}),
 * and tokens counted, each inside a {@link Deadline}, over the one {@link AnthropicTransport}.
 * Every error leaves as an {@link AnthropicException}; a success comes back as a {@link MessageCall}.
 */
@ApplicationScoped
public class MessagesClient {

    /**
     * Sent with a request that carries {@code diagnostics}: some pages of the API's documentation
     * list the field as beta behind this name, others as GA; the header does no harm where GA.
     */
    static final String CACHE_DIAGNOSIS_BETA = "cache-diagnosis-2026-04-07";
    static final String MESSAGES = "/v1/messages";
    static final String COUNT_TOKENS = "/v1/messages/count_tokens";

    private final AnthropicTransport transport;
    private final ObjectMapper json;

    @Inject
    public MessagesClient(AnthropicConfig config, AnthropicEndpoint endpoint, BedrockModels bedrockModels,
            ObjectMapper json, Ticker ticker) {
        this(new AnthropicTransport(config, endpoint, bedrockModels, json, Sleeper.THREAD, ticker), json);
    }

    public MessagesClient(AnthropicConfig config, AnthropicEndpoint endpoint) {
        this(new AnthropicTransport(config, endpoint), AnthropicTransport.lenientJson());
    }

    MessagesClient(AnthropicConfig config, AnthropicEndpoint endpoint, Sleeper sleeper) {
        this(new AnthropicTransport(config, endpoint, BedrockModels.NONE, AnthropicTransport.lenientJson(), sleeper,
                Ticker.SYSTEM),
                AnthropicTransport.lenientJson());
    }

    private MessagesClient(AnthropicTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    /** A call with a deadline of its own: {@code anthropic.deadline} from now. */
    public MessageCall create(MessageRequest request) {
        return create(request, transport.deadline());
    }

    /** A call that ends, retries included, by {@code deadline}. */
    public MessageCall create(MessageRequest request, Deadline deadline) {
        AnthropicTransport.Received<MessageResponse> answer = transport.send(messages(request), MessageResponse.class,
                deadline);
        usable(answer);
        return new MessageCall(answer.body(), answer.requestId(), answer.attempts(), answer.elapsed());
    }

    /**
     * Streams {@code request}, handing each text delta to {@code onText} on this thread, and
     * returns once the message is complete. Ends by {@code deadline}; {@code cancellation} closes
     * the stream from any thread. A stream that fails midway carries the usage it reported, which
     * is billed.
     */
    public MessageCall stream(MessageRequest request, Deadline deadline, Consumer<String> onText,
            StreamCancellation cancellation) {
        StreamedMessage streamed = new StreamedMessage(onText);
        try {
            AnthropicTransport.Received<Void> answer = transport.stream(messages(request), deadline, streamed,
                    cancellation);
            return new MessageCall(streamed.accumulator.message(), answer.requestId(), answer.attempts(),
                    answer.elapsed());
        } catch (AnthropicException failure) {
            if (streamed.accumulator == null) {
                throw failure;
            }
            throw failure.after(new CallHistory(failure.attempts(), failure.elapsed(), streamed.accumulator.usage()));
        }
    }

    public TokenCount countTokens(CountTokensRequest request) {
        return countTokens(request, transport.deadline());
    }

    /**
     * Reads the key and opens the connection to the API before the first call needs them, with one
     * {@code count_tokens} request for {@code model}: free of charge, and recorded nowhere. A
     * failure is thrown; the first real call then tries again.
     */
    public void connect(String model, Duration within) {
        countTokens(new CountTokensRequest(model, List.of(Message.user("ping")), null, null, null, null, null),
                transport.deadline(within));
    }

    private TokenCount countTokens(CountTokensRequest request, Deadline deadline) {
        return transport.send(AnthropicTransport.Call.post(COUNT_TOKENS, request), TokenCount.class, deadline).body();
    }

    @PreDestroy
    void close() {
        transport.close();
    }

    /** The request, and the cache-diagnosis beta where it carries diagnostics. */
    private static AnthropicTransport.Call messages(MessageRequest request) {
        AnthropicTransport.Call call = AnthropicTransport.Call.post(MESSAGES, request);
        return request.diagnostics() == null ? call : call.withBetas(Set.of(CACHE_DIAGNOSIS_BETA));
    }

    /** A 200 is a message only with content, a stop reason and usage; anything less is refused here. */
    private static void usable(AnthropicTransport.Received<MessageResponse> answer) {
        MessageResponse message = answer.body();
        String missing = message == null ? "a message"
                : message.stopReason() == null ? "stop_reason"
                : message.usage() == null ? "usage"
                : message.content() == null || message.content().isEmpty() ? "content" : null;
        if (missing != null) {
            throw new AnthropicResponseException("the API answered 200 without " + missing, message,
                    answer.requestId(), null);
        }
    }

    /** A stream's events built into its message, its text handed on as it comes. */
    private final class StreamedMessage implements AnthropicTransport.StreamReader {

        private final Consumer<String> onText;
        private String requestId;
        private MessageAccumulator accumulator;

        StreamedMessage(Consumer<String> onText) {
            this.onText = onText;
        }

        @Override
        public void opened(String requestId) {
            this.requestId = requestId;
            this.accumulator = new MessageAccumulator(json, onText, requestId);
        }

        @Override
        public void event(SseDecoder.Event event) {
            accumulator.accept(StreamEvent.of(event, json, requestId));
        }
    }
}
