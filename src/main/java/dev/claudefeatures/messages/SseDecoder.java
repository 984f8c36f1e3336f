package dev.claudefeatures.messages;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-sent events out of a byte stream that arrives in arbitrary chunks, by the rules of the
 * HTML standard's event-stream format: lines end in CRLF, LF or CR (a CRLF may be split across
 * chunks); an empty line dispatches the event; {@code data} lines join with LF; a line starting
 * with a colon is a comment; a field without a colon has an empty value; one space after the
 * colon is dropped; an event without data is not dispatched; a leading byte-order mark is skipped.
 * Lines are decoded as UTF-8 only once complete, so a character split across chunks stays whole.
 *
 * <p>Hand-written rather than taken from the REST client's SSE support: that one parses inside
 * the client and hides the stream's order, comments and failures, which the accumulator checks.
 */
public final class SseDecoder {

    /** One dispatched event: its {@code event} name ({@code message} when none) and its data. */
    public record Event(String type, String data) {
    }

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private String type = "";
    private boolean afterCarriageReturn;
    private boolean started;

    /** The events completed by this chunk, in order. */
    public List<Event> feed(byte[] chunk, int offset, int length) {
        List<Event> events = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            byte b = chunk[i];
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (b == '\n') {
                    continue; // the LF of a CRLF
                }
            }
            if (b == '\r' || b == '\n') {
                afterCarriageReturn = b == '\r';
                endLine(events);
            } else {
                line.write(b);
            }
        }
        return events;
    }

    public List<Event> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    private void endLine(List<Event> events) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!started) {
            started = true;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        if (text.isEmpty()) {
            dispatch(events);
            return;
        }
        if (text.startsWith(":")) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> type = value;
            case "data" -> data.append(value).append('\n');
            default -> {
                // id and retry steer reconnection, which a Messages API stream never does.
            }
        }
    }

    private void dispatch(List<Event> events) {
        if (data.length() > 0) {
            data.setLength(data.length() - 1);
            events.add(new Event(type.isEmpty() ? "message" : type, data.toString()));
        }
        data.setLength(0);
        type = "";
    }
}
