package dev.claudefeatures.features.chat;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.calls.CallCancellation;
import dev.claudefeatures.calls.ChatStream;
import dev.claudefeatures.calls.TextAnswer;
import dev.claudefeatures.web.ProblemMappers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Relays a streamed chat answer as server-sent events: {@code delta} events with
 * {@code {"text": "..."}} as the model writes, then one {@code done} event with the model, stop
 * reason and usage. The answer streams on a thread of its own into a queue; the request waits
 * for its first text, so that a failure before any text is the usual problem answer. After some
 * text, a failure is an {@code error} event holding the problem, and the stream ends cleanly. A
 * caller that leaves cancels the upstream call.
 */
@ApplicationScoped
public class ChatRelay {

    /** What the streaming thread hands the relay: text, the end, or a failure. */
    private sealed interface Piece permits Text, Done, Failed {
    }

    private record Text(String text) implements Piece {
    }

    private record Done(TextAnswer answer) implements Piece {
    }

    private record Failed(RuntimeException failure) implements Piece {
    }

    private final ProblemMappers problems;
    private final ObjectMapper json;
    // One thread per open stream; streams end by their deadline, so the pool stays small.
    private final ExecutorService streams = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chat-stream");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    ChatRelay(ProblemMappers problems, ObjectMapper json) {
        this.problems = problems;
        this.json = json;
    }

    /** Starts {@code chat}, waits for its first text, and returns the events to send. */
    Multi<OutboundSseEvent> relay(ChatStream chat, Sse sse, String path) {
        BlockingQueue<Piece> pieces = new LinkedBlockingQueue<>();
        CallCancellation cancellation = new CallCancellation();
        streams.execute(() -> {
            try {
                pieces.add(new Done(chat.run(text -> pieces.add(new Text(text)), cancellation)));
            } catch (RuntimeException failure) {
                pieces.add(new Failed(failure));
            }
        });
        Piece first = take(pieces, cancellation);
        if (first instanceof Failed failed) {
            throw failed.failure(); // nothing sent yet: answered as a problem
        }
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            emitter.onTermination(cancellation::cancel);
            streams.execute(() -> drain(first, pieces, emitter, sse, path, cancellation));
        });
    }

    private void drain(Piece first, BlockingQueue<Piece> pieces, MultiEmitter<? super OutboundSseEvent> emitter,
            Sse sse, String path, CallCancellation cancellation) {
        for (Piece piece = first;; piece = take(pieces, cancellation)) {
            if (emitter.isCancelled()) {
                cancellation.cancel();
                return;
            }
            if (piece instanceof Text text) {
                emitter.emit(event(sse, "delta", Map.of("text", text.text())));
            } else if (piece instanceof Done done) {
                TextAnswer answer = done.answer();
                emitter.emit(event(sse, "done", Map.of("model", answer.model(), "stop_reason", answer.stopReason(),
                        "usage", answer.usage())));
                emitter.complete();
                return;
            } else if (piece instanceof Failed failed) {
                emitter.emit(event(sse, "error", problems.problemFor(failed.failure(), path)));
                emitter.complete();
                return;
            }
        }
    }

    private static Piece take(BlockingQueue<Piece> pieces, CallCancellation cancellation) {
        try {
            return pieces.take();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            cancellation.cancel();
            return new Failed(new IllegalStateException("interrupted while relaying a stream"));
        }
    }

    private OutboundSseEvent event(Sse sse, String name, Object data) {
        try {
            // JSON text as plain data: a media type would add a content-type field to every event.
            return sse.newEventBuilder().name(name).data(String.class, json.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an SSE event could not be written as JSON", e);
        }
    }

    @PreDestroy
    void close() {
        streams.shutdownNow();
    }
}
