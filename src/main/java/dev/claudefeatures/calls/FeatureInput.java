package dev.claudefeatures.calls;

/**
 * A feature's input: the record its resource reads from the request body, one text field or
 * several ({@code {"text": "...", "target_language": "de"}}). The facade holds every field to the
 * same rules (present, not blank, well-formed, within {@code features.<name>.max-input-chars} in
 * all), naming the field at fault in the problem, and then asks the record's own {@link #check()}.
 * Every component is a {@code String}; its JSON name (the record's Jackson naming) names it in
 * the prompt and in problems.
 */
public interface FeatureInput {

    /**
     * The feature's own rule, after the facade's: e.g. a language code it knows. A broken rule is
     * an {@link InvalidInputException#invalid(String, String)}, answered as an
     * {@code invalid-input} problem before any call to the model.
     */
    default void check() {
    }
}
