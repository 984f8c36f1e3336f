package dev.claudefeatures.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * {@code template.yaml} as the SAM transform expands it: the resources CloudFormation would create
 * ({@code AWS::Lambda::Function}, {@code AWS::Lambda::Url}, the HTTP API's OpenAPI body, ...).
 * Expanded offline by the AWS SAM translator that cfn-lint uses ({@code src/test/sam/expand.py});
 * {@link #value} then resolves {@code Fn::If} and {@code Ref} of parameters for the parameter values
 * given, so that a test reads what one deployment would get.
 *
 * <p>Where Python or the translator is missing, the tests that need it are skipped, except under
 * CI ({@code CI=true}), whose machines carry cfn-lint: there a missing translator fails the build.
 */
public final class ExpandedTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final Map<String, String> parameters;

    private ExpandedTemplate(JsonNode root, Map<String, String> parameters) {
        this.root = root;
        this.parameters = parameters;
    }

    /** Expands template.yaml with these parameter values; the others keep their defaults. */
    public static ExpandedTemplate expand(Map<String, String> overrides) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", Path.of("src", "test", "sam", "expand.py").toString(),
                "template.yaml"));
        overrides.forEach((name, value) -> command.add(name + "=" + value));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException noPython) {
            return unavailable("python3 cannot be started: " + noPython.getMessage());
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the SAM transform did not finish in 120 s");
        }
        if (process.exitValue() != 0 && err.contains("ModuleNotFoundError")) {
            return unavailable("the SAM translator (pip install cfn-lint) is not installed: " + err.strip());
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the SAM transform refused template.yaml:\n" + err);
        }
        JsonNode root = JSON.readTree(out);
        Map<String, String> values = new java.util.LinkedHashMap<>();
        root.path("Parameters").fields().forEachRemaining(p -> values.put(p.getKey(), p.getValue().path("Default").asText()));
        values.putAll(overrides);
        return new ExpandedTemplate(root, values);
    }

    private static ExpandedTemplate unavailable(String why) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must check the expanded template, but " + why);
        }
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }

    public JsonNode resources() {
        return root.path("Resources");
    }

    /** The resources of one type, by logical id. */
    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new java.util.LinkedHashMap<>();
        resources().fields().forEachRemaining(resource -> {
            if (type.equals(resource.getValue().path("Type").asText())) {
                found.put(resource.getKey(), resource.getValue());
            }
        });
        return found;
    }

    /**
     * A value as this deployment gets it: {@code Fn::If} decided by its condition, {@code Ref} of
     * a parameter replaced by the parameter's value; other intrinsics left as they are.
     */
    public JsonNode value(JsonNode node) {
        if (node.isObject() && node.size() == 1 && node.has("Fn::If")) {
            JsonNode branches = node.get("Fn::If");
            return value(condition(branches.get(0).asText()) ? branches.get(1) : branches.get(2));
        }
        if (node.isObject() && node.size() == 1 && node.has("Ref") && parameters.containsKey(node.get("Ref").asText())) {
            return JsonNodeFactory.instance.textNode(parameters.get(node.get("Ref").asText()));
        }
        if (node.isObject()) {
            var copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode resolved = value(field.getValue());
                if (!isNoValue(resolved)) {
                    copy.set(field.getKey(), resolved);
                }
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> {
                JsonNode resolved = value(element);
                if (!isNoValue(resolved)) { // as in CloudFormation, an element that is AWS::NoValue is left out
                    copy.add(resolved);
                }
            });
            return copy;
        }
        return node;
    }

    /** A condition of the template, for this deployment's parameter values. */
    public boolean condition(String name) {
        return truth(root.path("Conditions").path(name));
    }

    private boolean truth(JsonNode condition) {
        if (condition.has("Fn::Equals")) {
            return text(condition.get("Fn::Equals").get(0)).equals(text(condition.get("Fn::Equals").get(1)));
        }
        if (condition.has("Fn::Not")) {
            return !truth(condition.get("Fn::Not").get(0));
        }
        if (condition.has("Condition")) {
            return condition(condition.get("Condition").asText());
        }
        throw new IllegalArgumentException("a condition this reader does not decide: " + condition);
    }

    private String text(JsonNode node) {
        return value(node).asText();
    }

    private static boolean isNoValue(JsonNode node) {
        return node.isObject() && node.size() == 1 && "AWS::NoValue".equals(node.path("Ref").asText());
    }
}
