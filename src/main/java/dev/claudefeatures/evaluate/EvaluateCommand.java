package dev.claudefeatures.evaluate;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.calls.ChatTurn;
import dev.claudefeatures.calls.FeatureMessages;
import dev.claudefeatures.calls.InvalidInputException;
import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.Provider;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.FeaturesConfig;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.calls.RequestPlanner;
import dev.claudefeatures.policy.StructuredOutputMode;
import dev.claudefeatures.telemetry.TelemetryConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * {@code evaluate}: runs a feature's exact request (its prompt, schema, {@code max_tokens} and
 * caching, from the same configuration the functions read) for each sample of a JSON Lines file,
 * on the feature's model and on other catalog models, through the Message Batches API unless
 * {@code --no-batch}, and prints how they compare (see {@link Comparison}).
 *
 * <pre>
 * ./mvnw -Pevaluate -Dfeature=classify-ticket -Dsamples=infra/samples/classify-ticket.jsonl
 *        [-Dmodels=claude-opus-4-6,claude-haiku-4-5] [-Dno-batch] [-Dtolerance=0.02]
 * </pre>
 *
 * Options come as {@code --name value} arguments or as the same-named system properties. The key
 * is {@code ANTHROPIC_API_KEY} ({@code anthropic.api-key}); the API {@code anthropic.base-url}.
 * Without a key it answers from the offline simulator, as dev mode does, and says so first (see
 * {@link Route}).
 */
public final class EvaluateCommand {

    /** The exit status of bad input (nothing was sent). */
    static final int BAD_INPUT = 2;

    /** The first line of a run on the offline simulator, after why it runs there. */
    static final String OFFLINE_NOTICE = "answering from the offline simulator (no call leaves this machine; "
            + "figures show the table's shape, not real model quality)";

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    EvaluateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws Exception {
        int status = new EvaluateCommand(System.out, System.err).run(options(args), Map.of());
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@code --name value} (or {@code --flag}) arguments over the same-named system properties. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String name : List.of("feature", "samples", "models", "no-batch", "tolerance", "state-dir", "poll")) {
            String property = System.getProperty(name);
            if (property != null) {
                options.put(name, property.isEmpty() ? "true" : property);
            }
        }
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }

    /**
     * @param overrides configuration on top of application.properties and the environment (tests)
     * @return the exit status: 0, or {@link #BAD_INPUT}
     */
    int run(Map<String, String> options, Map<String, String> overrides) throws Exception {
        SmallRyeConfig config = config(overrides);
        AnthropicConfig anthropic = config.getConfigMapping(AnthropicConfig.class);
        List<String> problems = new ArrayList<>();
        Route route = null;
        try {
            route = Route.of(anthropic);
        } catch (IllegalArgumentException noRoute) {
            problems.add(noRoute.getMessage());
        }
        if (route == Route.OFFLINE_SIMULATOR) {
            // First, before any log line or figure: the tables look real, and must not be read as the models' quality.
            out.println("evaluate: " + (anthropic.offline().isPresent() ? "anthropic.offline is on"
                    : anthropic.provider().signsWithAws() ? "no AWS credentials" : "no ANTHROPIC_API_KEY") + ": "
                    + OFFLINE_NOTICE);
        }
        Policies policies = new Policies(config.getConfigMapping(FeaturesConfig.class),
                config.getConfigMapping(ModelCatalog.class), config.getConfigMapping(AnthropicConfig.class),
                config.getConfigMapping(TelemetryConfig.class), json);
        ModelCatalog catalog = config.getConfigMapping(ModelCatalog.class);

        String feature = options.get("feature");
        String samplesFile = options.get("samples");
        if (feature == null || samplesFile == null) {
            return bad(List.of("usage: evaluate --feature <name> --samples <file.jsonl> [--models a,b] [--no-batch]"));
        }
        if (!policies.features().contains(feature)) {
            return bad(List.of("unknown feature " + feature + "; configured: " + new java.util.TreeSet<>(policies.features())));
        }
        FeaturePolicy policy = policies.of(feature);
        List<String> models = models(policy, Comparison.split(options.get("models")), catalog);
        models.stream().filter(model -> !catalog.models().containsKey(model))
                .forEach(model -> problems.add("unknown model " + model + "; the catalog has "
                        + new java.util.TreeSet<>(catalog.models().keySet())));
        if (anthropic.provider() == Provider.BEDROCK) {
            models.stream().filter(model -> catalog.models().containsKey(model)
                    && catalog.models().get(model).bedrock().isEmpty())
                    .forEach(model -> problems.add("model " + model + " has no models." + model
                            + ".bedrock.model-id, and anthropic.provider is bedrock"));
        }
        SampleFile.Samples read = SampleFile.read(Path.of(samplesFile), json);
        problems.addAll(read.problems());
        Map<Integer, List<Message>> messages = new LinkedHashMap<>();
        for (Sample sample : read.samples()) {
            try {
                messages.put(sample.line(), messages(policy, sample.call()));
            } catch (InvalidInputException | IllegalArgumentException bad) {
                problems.add(samplesFile + ":" + sample.line() + ": " + describe(bad));
            }
        }
        if (!problems.isEmpty()) {
            return bad(problems);
        }

        boolean batch = !Boolean.parseBoolean(options.getOrDefault("no-batch", "false"));
        if (batch && anthropic.provider() == Provider.BEDROCK) {
            err.println("evaluate: Amazon Bedrock has no Message Batches: one call at a time, at list prices");
            batch = false;
        }
        Map<String, FeaturePolicy> onModel = new LinkedHashMap<>();
        Map<String, ObjectNode> requests = new LinkedHashMap<>();
        for (int m = 0; m < models.size(); m++) {
            String model = models.get(m);
            FeaturePolicy modelPolicy = policy.onModel(model, catalog.models().get(model));
            onModel.put(model, modelPolicy);
            for (Sample sample : read.samples()) {
                requests.put(customId(m, sample), request(modelPolicy, messages.get(sample.line()), batch));
            }
        }
        try (Upstream upstream = Upstream.open(route, anthropic, config)) {
            return run(upstream, batch, options, policy, models, onModel, read.samples(), requests,
                    anthropic.provider());
        }
    }

    private int run(Upstream upstream, boolean batch, Map<String, String> options, FeaturePolicy policy,
            List<String> models, Map<String, FeaturePolicy> onModel, List<Sample> samples,
            Map<String, ObjectNode> requests, Provider provider) throws Exception {
        Path stateDir = Path.of(options.getOrDefault("state-dir", "target/evaluate"));
        Progress progress = new Progress(err);
        Runner runner = batch
                // The simulator's batches apart: its ids must not replace a real batch that a later run could resume.
                ? new BatchRunner(upstream.api(), json, progress,
                        upstream.offline() ? stateDir.resolve("offline") : stateDir,
                        Duration.parse("PT" + options.getOrDefault("poll", "1S").toUpperCase()), Duration.ofMinutes(1))
                : new DirectRunner(upstream.api(), progress);
        err.printf("%s: %d samples x %d models = %d requests, %s%n", policy.feature(), samples.size(), models.size(),
                requests.size(), batch ? "as one message batch" : "one call at a time");
        Map<String, Outcome> outcomes = runner.run(requests);

        Map<String, Map<Integer, Outcome>> byModel = new LinkedHashMap<>();
        for (int m = 0; m < models.size(); m++) {
            Map<Integer, Outcome> byLine = new LinkedHashMap<>();
            for (Sample sample : samples) {
                byLine.put(sample.line(), outcomes.getOrDefault(customId(m, sample), Outcome.failed("no result")));
            }
            byModel.put(models.get(m), byLine);
        }
        Comparison comparison = new Comparison(policy, models, samples, byModel, onModel, runner.batchPrices(),
                provider, json);
        comparison.print(out, Double.parseDouble(options.getOrDefault("tolerance", "0.02")));
        comparison.baseline().print(out, runner.batchPrices(), upstream.offline());
        return 0;
    }

    /** The feature's model first, then the models asked for, or by default its escalation model or every other. */
    private static List<String> models(FeaturePolicy policy, List<String> asked, ModelCatalog catalog) {
        List<String> models = new ArrayList<>(List.of(policy.model()));
        List<String> others = !asked.isEmpty() ? asked
                : policy.escalation().map(e -> List.of(e.model()))
                        .orElseGet(() -> catalog.models().keySet().stream().sorted().toList());
        others.stream().filter(model -> !models.contains(model)).forEach(models::add);
        policy.escalation().map(FeaturePolicy.Escalation::model).filter(model -> !models.contains(model))
                .ifPresent(models::add);
        return models;
    }

    private static String customId(int model, Sample sample) {
        return "m" + model + "-l" + sample.line();
    }

    /**
     * The messages the feature sends for a sample, by its shape (a conversation, documents and a
     * question, or the fields of the feature's input record), built as the facade builds them.
     */
    private List<Message> messages(FeaturePolicy policy, JsonNode call) {
        if (call.has("messages")) {
            List<ChatTurn> turns = new ArrayList<>();
            call.path("messages").forEach(turn -> turns.add(new ChatTurn(turn.path("role").asText(null),
                    turn.path("content").isTextual() ? turn.path("content").asText() : null)));
            return FeatureMessages.conversation(policy, turns);
        }
        if (call.has("documents")) {
            List<String> documents = new ArrayList<>();
            call.path("documents").forEach(document -> documents.add(document.isTextual() ? document.asText() : null));
            return FeatureMessages.documents(policy, documents, call.path("question").asText(null));
        }
        // The feature's request body, as its resource reads it ({"text": ...}, {"ticket": ...}, ...).
        ObjectNode input = ((ObjectNode) call).deepCopy();
        input.remove("expected");
        return List.of(Message.user(FeatureMessages.fields(policy, input)));
    }

    private static String describe(RuntimeException bad) {
        if (!(bad instanceof InvalidInputException invalid)) {
            return bad.getMessage();
        }
        return switch (invalid.reason()) {
            case TOO_LARGE -> "the input has " + invalid.length() + " characters, above the feature's limit of "
                    + invalid.limit();
            case MISSING -> "\"" + invalid.field() + "\" is missing or blank";
            case MALFORMED -> "the input is not well-formed Unicode";
            case BAD_CONVERSATION -> "the messages must alternate user and assistant turns, from a user turn to a "
                    + "user turn";
            case INVALID -> "\"" + invalid.field() + "\" must be " + invalid.requirement();
        };
    }

    /** The request the feature sends; in a batch, with 1h cache breakpoints. */
    private ObjectNode request(FeaturePolicy policy, List<Message> messages, boolean batch) {
        MessageRequest request = policy.schema().isPresent()
                ? RequestPlanner.planStructured(policy, StructuredOutputMode.of(policy.modelSpec()), policy.schema().get(),
                        messages).build()
                : RequestPlanner.plan(policy, messages).build();
        ObjectNode node = json.valueToTree(request);
        if (batch) {
            // A batch may wait longer than five minutes between its requests: the 1h cache is what pays there.
            longTtl(node);
        }
        return node;
    }

    private static void longTtl(JsonNode node) {
        if (node.isObject()) {
            JsonNode cacheControl = node.get("cache_control");
            if (cacheControl instanceof ObjectNode control) {
                control.put("ttl", "1h");
            }
        }
        node.forEach(EvaluateCommand::longTtl);
    }

    private int bad(List<String> problems) {
        err.println("Nothing was sent:");
        problems.forEach(problem -> err.println("  " + problem));
        return BAD_INPUT;
    }

    /** application.properties (the production profile), the environment and system properties, then overrides. */
    static SmallRyeConfig config(Map<String, String> overrides) throws IOException {
        URL properties = EvaluateCommand.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new io.smallrye.config.common.MapBackedConfigSource("evaluate", overrides, 500) {
                })
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(FeaturesConfig.class).withMapping(ModelCatalog.class).withMapping(AnthropicConfig.class)
                .withMapping(TelemetryConfig.class)
                .withValidateUnknown(false)
                .build();
    }
}
