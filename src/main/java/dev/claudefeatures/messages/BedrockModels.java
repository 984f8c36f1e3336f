package dev.claudefeatures.messages;

import java.util.Optional;

/**
 * Bedrock's id and route for a model the API knows by its own id: the model catalog's
 * {@code models.<id>.bedrock.*}, given to this package so that it need not know the catalog.
 */
@FunctionalInterface
public interface BedrockModels {

    /** None: every lookup is empty (any provider but {@code bedrock}). */
    BedrockModels NONE = model -> Optional.empty();

    /** How Bedrock serves {@code model} (the API's id), if it does. */
    Optional<Model> find(String model);

    /** A model on Bedrock: its model id or inference profile, and its route. */
    record Model(String id, BedrockRoute route) {
    }
}
