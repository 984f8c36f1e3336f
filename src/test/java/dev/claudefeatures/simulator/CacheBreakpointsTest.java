package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** How a request's prefix is cut into segments, sized, and given breakpoints. */
class CacheBreakpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CacheBreakpoints of(String json) throws Exception {
        return CacheBreakpoints.of(JSON.readTree(json));
    }

    @Test
    void toolsThenSystemThenMessagesInPrefixOrderEachSized() throws Exception {
        CacheBreakpoints prompt = of("""
                {"tools":[{"name":"t","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral","ttl":"1h"}}],
                 "system":[{"type":"text","text":"abcdefgh","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":"hello"},
                             {"role":"user","content":[{"type":"text","text":"abcd"}]}]}""");

        assertThat(prompt.segments()).extracting(CacheBreakpoints.Segment::ttl).containsExactly("1h", "5m", null, null);
        // A tool is measured as its JSON without cache_control; text blocks by their text.
        assertThat(prompt.segments().get(0).tokens())
                .isEqualTo(("{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}".length() + 3) / 4);
        assertThat(prompt.segments().get(1).tokens()).isEqualTo(2);
        assertThat(prompt.segments().get(2).tokens()).isEqualTo(2);
        assertThat(prompt.segments().get(3).tokens()).isEqualTo(1);
        assertThat(prompt.totalTokens()).isEqualTo(prompt.segments().get(0).tokens() + 5);
    }

    @Test
    void automaticCachingPutsTheBreakpointOnTheLastBlock() throws Exception {
        CacheBreakpoints prompt = of("""
                {"system":"rules","cache_control":{"type":"ephemeral","ttl":"1h"},
                 "messages":[{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]}]}""");

        assertThat(prompt.segments()).extracting(CacheBreakpoints.Segment::ttl).containsExactly(null, null, "1h");
        assertThat(prompt.segments().get(2).tokens()).isEqualTo(1);
    }

    @Test
    void fourBreakpointsAreAllowedAndAFifthIsA400() throws Exception {
        String block = "{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":\"ephemeral\"}}";
        String four = "{\"system\":[" + String.join(",", block, block, block, block) + "]}";
        String five = "{\"system\":[" + String.join(",", block, block, block, block, block) + "]}";

        assertThat(of(four).segments()).hasSize(4);
        assertThatThrownBy(() -> of(five)).isInstanceOfSatisfying(SimulatedError.class,
                e -> assertThat(e.getMessage()).contains("Found 5"));
    }

    @Test
    void aOneHourBreakpointAfterAFiveMinuteOneIsA400() {
        assertThatThrownBy(() -> of("""
                {"system":[{"type":"text","text":"a","cache_control":{"type":"ephemeral"}},
                           {"type":"text","text":"b","cache_control":{"type":"ephemeral","ttl":"1h"}}]}"""))
                .isInstanceOf(SimulatedError.class).hasMessageContaining("ttl='1h'");
    }
}
