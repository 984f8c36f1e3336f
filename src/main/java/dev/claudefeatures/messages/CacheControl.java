package dev.claudefeatures.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A prompt-cache breakpoint: the prefix up to and including the block that carries it is cached.
 * Without a {@code ttl} the API uses five minutes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheControl(String type, Ttl ttl) {

    public enum Ttl {
        FIVE_MINUTES("5m"),
        ONE_HOUR("1h");

        private final String wireName;

        Ttl(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }

    public static CacheControl ephemeral() {
        return new CacheControl("ephemeral", null);
    }

    public static CacheControl ephemeral(Ttl ttl) {
        return new CacheControl("ephemeral", ttl);
    }
}
