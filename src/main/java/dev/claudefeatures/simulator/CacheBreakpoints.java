package dev.claudefeatures.simulator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request's prompt as the cache sees it: its blocks in prefix order (tools, then system, then
 * messages), each with its estimated size and, where it carries one, a breakpoint.
 */
record CacheBreakpoints(List<Segment> segments) {

    /** One block of the prefix. {@code ttl} is null where the block is no breakpoint. */
    record Segment(String canonical, int tokens, String ttl) {
    }

    /** About four characters a token; the estimate docs/SIMULATOR.md documents. */
    static int estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }

    static CacheBreakpoints of(JsonNode body) {
        List<Segment> segments = new ArrayList<>();
        body.path("tools").forEach(tool -> segments.add(segment(tool)));
        JsonNode system = body.path("system");
        if (system.isTextual()) {
            segments.add(new Segment(system.asText(), estimateTokens(system.asText()), null));
        } else {
            system.forEach(block -> segments.add(segment(block)));
        }
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                segments.add(new Segment(message.path("role").asText() + ":" + content.asText(),
                        estimateTokens(content.asText()), null));
            } else {
                content.forEach(block -> segments.add(segment(block)));
            }
        }
        JsonNode automatic = body.get("cache_control");
        if (automatic != null && !segments.isEmpty()) {
            // Automatic caching: the API puts the breakpoint on the last cacheable block.
            Segment last = segments.remove(segments.size() - 1);
            segments.add(new Segment(last.canonical(), last.tokens(), ttl(automatic, "cache_control")));
        }
        check(segments);
        return new CacheBreakpoints(List.copyOf(segments));
    }

    int totalTokens() {
        return segments.stream().mapToInt(Segment::tokens).sum();
    }

    private static Segment segment(JsonNode block) {
        JsonNode cacheControl = block.get("cache_control");
        JsonNode withoutCacheControl = block.deepCopy();
        if (withoutCacheControl instanceof ObjectNode object) {
            object.remove("cache_control");
        }
        String measured = block.path("text").isTextual() ? block.path("text").asText() : withoutCacheControl.toString();
        return new Segment(withoutCacheControl.toString(), estimateTokens(measured),
                cacheControl == null ? null : ttl(cacheControl, "cache_control"));
    }

    private static String ttl(JsonNode cacheControl, String path) {
        if (!"ephemeral".equals(cacheControl.path("type").asText())) {
            throw SimulatedError.invalid(path + ".type: Input should be 'ephemeral'");
        }
        String ttl = cacheControl.path("ttl").asText("5m");
        if (!"5m".equals(ttl) && !"1h".equals(ttl)) {
            throw SimulatedError.invalid(path + ".ttl: Input should be '5m' or '1h'");
        }
        return ttl;
    }

    private static void check(List<Segment> segments) {
        long count = segments.stream().filter(segment -> segment.ttl() != null).count();
        if (count > RequestRules.MAX_BREAKPOINTS) {
            throw SimulatedError.invalid("A maximum of " + RequestRules.MAX_BREAKPOINTS
                    + " blocks with cache_control may be provided. Found " + count + ".");
        }
        boolean seenFiveMinutes = false;
        for (Segment segment : segments) {
            if ("5m".equals(segment.ttl())) {
                seenFiveMinutes = true;
            } else if ("1h".equals(segment.ttl()) && seenFiveMinutes) {
                throw SimulatedError.invalid("a ttl='1h' cache_control block must not come after a ttl='5m' block");
            }
        }
    }
}
