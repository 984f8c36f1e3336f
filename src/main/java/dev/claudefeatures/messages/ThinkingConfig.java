package dev.claudefeatures.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code thinking}: {@code {type: enabled, budget_tokens}}, {@code disabled} or {@code adaptive}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ThinkingConfig(String type, Integer budgetTokens) {

    public static ThinkingConfig enabled(int budgetTokens) {
        return new ThinkingConfig("enabled", budgetTokens);
    }

    public static ThinkingConfig disabled() {
        return new ThinkingConfig("disabled", null);
    }
}
