package dev.claudefeatures.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A schema-valid answer.
 *
 * @param model     the model that gave it
 * @param escalated whether a stronger model gave it after a low-confidence first answer
 */
public record StructuredAnswer(JsonNode value, String model, boolean escalated) {
}
