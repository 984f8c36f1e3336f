package dev.claudefeatures.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.policy.CacheMode;
import dev.claudefeatures.policy.CachePolicy;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.testing.TestConfig;

/** A typed input's fields as the prompt's text: the same for the facade and for evaluate's samples. */
class FeatureMessagesTest {

    private static final FeaturePolicy POLICY = new FeaturePolicy("translate", "claude-sonnet-4-6",
            TestConfig.with(Map.of(), ModelCatalog.class).getConfigMapping(ModelCatalog.class).models()
                    .get("claude-sonnet-4-6"),
            300, "Translate.", CachePolicy.systemOnly(CacheMode.NONE), OptionalDouble.empty(), 20);

    @Test
    void oneFieldIsSentAsItIsWhateverItsName() {
        assertThat(FeatureMessages.fields(POLICY, Map.of("ticket", "Refund me"))).isEqualTo("Refund me");
    }

    @Test
    void severalFieldsMakeTheSameTextInWhateverOrderTheyCame() {
        Map<String, String> asWritten = new LinkedHashMap<>();
        asWritten.put("text", "Hello");
        asWritten.put("target_language", "de");
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("target_language", "de");
        reversed.put("text", "Hello");

        assertThat(FeatureMessages.fields(POLICY, asWritten))
                .isEqualTo(FeatureMessages.fields(POLICY, reversed))
                .isEqualTo("<target_language>\nde\n</target_language>\n<text>\nHello\n</text>\n");
    }

    @Test
    void eachFieldIsHeldToTheRulesAndNamed() {
        Map<String, String> blank = new LinkedHashMap<>();
        blank.put("text", "Hello");
        blank.put("target_language", "\u200b\u00ad");

        assertThatThrownBy(() -> FeatureMessages.fields(POLICY, blank))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo(InvalidInputException.Reason.MISSING);
                    assertThat(e.field()).isEqualTo("target_language");
                });
        Map<String, String> absent = new LinkedHashMap<>();
        absent.put("text", null);
        assertThatThrownBy(() -> FeatureMessages.fields(POLICY, absent))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("text"));
    }

    @Test
    void theLimitCountsWhatTheFieldsHoldInAll() {
        assertThat(FeatureMessages.fields(POLICY, Map.of("a", "x".repeat(10), "b", "y".repeat(10)))).contains("<a>");

        assertThatThrownBy(() -> FeatureMessages.fields(POLICY, Map.of("a", "x".repeat(10), "b", "y".repeat(11))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo(InvalidInputException.Reason.TOO_LARGE);
                    assertThat(e.length()).isEqualTo(21);
                    assertThat(e.field()).isEqualTo("a, b");
                });
    }
}
