package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The event-stream format's rules, a row each: the stream (escapes: \n \r), and the events it yields. */
class SseDecoderTest {

    private static List<String> decodeWhole(String stream) {
        return describe(new SseDecoder().feed(stream.getBytes(StandardCharsets.UTF_8)));
    }

    private static String unescape(String row) {
        return row.replace("\\n", "\n").replace("\\r", "\r");
    }

    private static List<String> describe(List<SseDecoder.Event> events) {
        return events.stream().map(e -> e.type() + "=" + e.data().replace("\n", "\\n")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            an event and its data       | event: ping\\ndata: {}\\n\\n                 | ping={}
            no event name is message    | data: x\\n\\n                                | message=x
            multi-line data joins by LF | data: a\\ndata: b\\n\\n                      | message=a\\nb
            CRLF line ends              | event: e\\r\\ndata: x\\r\\n\\r\\n            | e=x
            CR line ends                | event: e\\rdata: x\\r\\r                     | e=x
            mixed line ends             | event: e\\r\\ndata: x\\n\\r                  | e=x
            a comment is skipped        | : keep-alive\\ndata: x\\n\\n                 | message=x
            only a comment, no event    | : hello\\n\\n                                 |
            no space after the colon    | data:x\\n\\n                                 | message=x
            only one space dropped      | data:  x\\n\\n                               | message= x
            a field without a colon     | data\\n\\n                                   | message=
            id and retry are ignored    | id: 7\\nretry: 10\\ndata: x\\n\\n            | message=x
            no data, no event           | event: e\\n\\n                               |
            an unfinished event waits   | data: x\\n                                   |
            the name resets per event   | event: a\\ndata: 1\\n\\ndata: 2\\n\\n        | a=1,message=2
            a byte-order mark skipped   | \uFEFFdata: x\\n\\n                          | message=x
            colons in the value stay    | data: {"a":"b:c"}\\n\\n                      | message={"a":"b:c"}
            """)
    void decodesByTheFormatsRules(String rule, String stream, String expected) {
        List<String> events = decodeWhole(unescape(stream.strip()));
        List<String> wanted = expected == null ? List.of() : Arrays.asList(expected.strip().split(","));
        assertThat(events).as(rule).isEqualTo(wanted.stream().map(w -> w.replace("\\n", "\n").replace("\n", "\\n")).toList());
    }

    /** Whatever the chunking, the same events: CRLF split between chunks, a character split between its bytes. */
    @Test
    void everySplitPointYieldsTheSameEvents() {
        byte[] stream = ("event: content_block_delta\r\ndata: {\"text\":\"Grüße, 東京 🚀\"}\r\n\r\n"
                + ": ping\r\nevent: message_stop\rdata: {}\r\r").getBytes(StandardCharsets.UTF_8);
        List<String> whole = describe(new SseDecoder().feed(stream));
        assertThat(whole).containsExactly("content_block_delta={\"text\":\"Grüße, 東京 🚀\"}", "message_stop={}");

        for (int cut = 1; cut < stream.length; cut++) {
            SseDecoder decoder = new SseDecoder();
            List<SseDecoder.Event> events = new ArrayList<>(decoder.feed(stream, 0, cut));
            events.addAll(decoder.feed(stream, cut, stream.length - cut));
            assertThat(describe(events)).as("cut at byte %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void byteByByteYieldsTheSameEvents() {
        byte[] stream = "data: é\r\n\r\ndata: ü\n\n".getBytes(StandardCharsets.UTF_8);
        SseDecoder decoder = new SseDecoder();
        List<SseDecoder.Event> events = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            events.addAll(decoder.feed(stream, i, 1));
        }
        assertThat(describe(events)).containsExactly("message=é", "message=ü");
    }
}
