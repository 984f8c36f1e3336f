package dev.claudefeatures.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.simulator.LoopbackSimulator;

/**
 * {@code evaluate} end to end against the simulator's API on loopback, with the shipped sample
 * files: through the Message Batches API and call by call, resuming a batch it already created,
 * and refusing bad input before anything is sent.
 */
class EvaluateCommandTest {

    private static final Pattern ROW = Pattern.compile("^(claude-[a-z0-9-]+)\\s+(\\d+)\\s+(\\S+)\\s+([\\d.]+)%\\s+(.+?)"
            + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)\\s+(\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path work;

    private LoopbackSimulator upstream;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        // The command reads system properties, as a user's -D flags; a @QuarkusTest profile that ran
        // earlier in this JVM (UsageLogTest's) can leave its overrides there, which would choose the route.
        System.clearProperty("anthropic.offline");
        System.clearProperty("anthropic.base-url");
        System.clearProperty("anthropic.api-key");
        upstream = LoopbackSimulator.start(java.time.Duration.ZERO);
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    /** On the loopback simulator, with a key, as on the API. */
    private int evaluate(String... args) throws Exception {
        return evaluateWith(Map.of("anthropic.base-url", upstream.baseUri().toString(), "anthropic.api-key",
                "sk-ant-evaluate"), args);
    }

    private int evaluateWith(Map<String, String> config, String... args) throws Exception {
        Map<String, String> options = new HashMap<>(EvaluateCommand.options(args));
        options.putIfAbsent("state-dir", work.resolve("state").toString());
        options.putIfAbsent("poll", "0.05s");
        out.reset();
        err.reset();
        return new EvaluateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(options, config);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The model rows of the printed table, by model: answered, fit, agreement, accuracy, ..., $ / 1,000, p50. */
    private Map<String, String[]> rows() {
        Map<String, String[]> rows = new HashMap<>();
        Matcher row = ROW.matcher(out());
        while (row.find()) {
            String[] cells = new String[row.groupCount()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = row.group(i + 1);
            }
            rows.put(row.group(1), cells);
        }
        return rows;
    }

    private long batchesCreated() {
        return upstream.received().stream().filter(r -> r.path().equals("/v1/messages/batches") && !r.body().isEmpty())
                .count();
    }

    @Test
    void classifyTicketThroughOneBatchAtHalfTheListPriceWithTheThresholdTable() throws Exception {
        assertThat(evaluate("--feature", "classify-ticket", "--samples", "infra/samples/classify-ticket.jsonl",
                "--no-batch")).isZero();
        Map<String, String[]> list = rows();

        assertThat(evaluate("--feature", "classify-ticket", "--samples", "infra/samples/classify-ticket.jsonl"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, String[]> batch = rows();

        assertThat(batchesCreated()).isEqualTo(1);
        assertThat(batch).containsOnlyKeys("claude-sonnet-4-6", "claude-opus-4-6");
        for (String model : batch.keySet()) {
            String[] cells = batch.get(model);
            assertThat(cells[1]).as("answered").isEqualTo("8");
            assertThat(cells[2]).as("fit the schema").isEqualTo("8/8");
            assertThat(cells[4]).as("accuracy against the 8 expected answers").endsWith("% of 8");
            // Half the list price, to the table's four decimals.
            assertThat(Double.parseDouble(cells[9])).as("batch price of " + model)
                    .isCloseTo(Double.parseDouble(list.get(model)[9]) / 2, org.assertj.core.data.Offset.offset(0.0001));
            assertThat(Double.parseDouble(cells[9])).isPositive();
            assertThat(cells[10]).as("no latency for a batch").isEqualTo("-");
            assertThat(list.get(model)[10]).as("a latency call by call").matches("\\d+");
        }
        assertThat(batch.get("claude-sonnet-4-6")[3]).as("the current model agrees with itself").isEqualTo("100.0");
        assertThat(out()).contains("batch (50 % off) prices")
                .contains("escalation from claude-sonnet-4-6 to claude-opus-4-6 when confidence is below the threshold")
                .contains("<- cheapest within 2 points of the best model")
                .containsPattern("set features\\.classify-ticket\\.escalation\\.below-confidence=\\d\\.\\d\\d");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("8 samples x 2 models = 16 requests, as one message batch")
                .contains("16/16 processed");
        // The simulator's confidences escalate none at 0.70: the baseline is the list-price run's cost of a call.
        Matcher deploy = Pattern.compile("^deploy with: ClassifyTicketCostPerCallBaselineUSD=(0\\.\\d{6,})   \\(add it to "
                + "parameter_overrides in infra/samconfig\\.toml; the alarm fires when an hour's cost per call is above "
                + "CostPerCallAlarmMultiple, default 2, times this\\)$", Pattern.MULTILINE).matcher(out());
        assertThat(deploy.find()).as(out()).isTrue();
        assertThat(out()).contains("cost-per-call baseline for classify-ticket (claude-sonnet-4-6 at list prices, not "
                + "the batch prices above, cache reads and writes included; escalations to claude-opus-4-6 below 0.70 "
                + "included (0 of 8 first answers), as production pays them): " + deploy.group(1) + " USD a call");
        assertThat(Double.parseDouble(deploy.group(1))).isCloseTo(Double.parseDouble(list.get("claude-sonnet-4-6")[9])
                / 1000, org.assertj.core.data.Offset.offset(0.000001));
    }

    @Test
    void withoutAKeyItAnswersFromTheOfflineSimulatorInThisProcessAndSaysSoOnItsFirstLine() throws Exception {
        // An empty value hides a key from the environment too; a short batch keeps the test quick.
        Map<String, String> noKey = Map.of("anthropic.api-key", "", "anthropic.simulator.batch-processing", "100ms");

        assertThat(evaluateWith(noKey, "--feature", "classify-ticket", "--samples", "infra/samples/classify-ticket.jsonl"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(out().lines().findFirst()).hasValue("evaluate: no ANTHROPIC_API_KEY: answering from the offline "
                + "simulator (no call leaves this machine; figures show the table's shape, not real model quality)");
        assertThat(rows()).containsOnlyKeys("claude-sonnet-4-6", "claude-opus-4-6");
        assertThat(rows().values()).allSatisfy(cells -> {
            assertThat(cells[1]).as("answered").isEqualTo("8");
            assertThat(cells[2]).as("fit the schema").isEqualTo("8/8");
        });
        assertThat(out()).contains("batch (50 % off) prices").contains("escalation from claude-sonnet-4-6")
                .contains("not a baseline to deploy").doesNotContain("deploy with:");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("16/16 processed");
        assertThat(upstream.received()).as("nothing reached the configured upstream").isEmpty();
        assertThat(work.resolve("state/offline")).as("the simulator's batch kept apart from real ones")
                .isDirectoryContaining("glob:**/batch-*.json");
    }

    @Test
    void withoutAKeyAnExplicitBaseUrlIsRefusedNotSwappedForTheSimulator() throws Exception {
        assertThat(evaluateWith(Map.of("anthropic.api-key", "", "anthropic.base-url", upstream.baseUri().toString()),
                "--feature", "summarise", "--samples", "infra/samples/summarise.jsonl"))
                .isEqualTo(EvaluateCommand.BAD_INPUT);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Nothing was sent:")
                .contains("anthropic.base-url is " + upstream.baseUri() + ", not the API, and there is no API key");
        assertThat(out()).isEmpty();
        assertThat(upstream.received()).isEmpty();
    }

    /**
     * As a person runs evaluate with AWS credentials: the default chain reads them from system
     * properties here, the simulator's test pair in place of the build's own, restored after.
     */
    private int evaluateSigned(Map<String, String> config, String... args) throws Exception {
        String accessKey = System.getProperty("aws.accessKeyId");
        String secretKey = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        try {
            Map<String, String> all = new HashMap<>(config);
            all.put("anthropic.offline", "false");
            all.put("anthropic.base-url", upstream.baseUri().toString());
            all.put("anthropic.aws.region", "us-east-1");
            return evaluateWith(all, args);
        } finally {
            restore("aws.accessKeyId", accessKey);
            restore("aws.secretAccessKey", secretKey);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void onBedrockItGoesCallByCallToInvokeModelSignedAtListPrices() throws Exception {
        assertThat(evaluateSigned(Map.of("anthropic.provider", "bedrock"), "--feature", "classify-ticket",
                "--samples", "infra/samples/classify-ticket.jsonl")).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Amazon Bedrock has no Message Batches: one call at a time, at list prices");
        assertThat(out()).doesNotContain("batch (50 % off) prices");
        assertThat(rows().get("claude-sonnet-4-6")[2]).as("fit the schema").isEqualTo("8/8");
        assertThat(upstream.received()).hasSize(16).allSatisfy(request -> {
            assertThat(request.path()).startsWith("/model/global.anthropic.claude-").endsWith("/invoke");
            assertThat(request.header("authorization")).contains("/us-east-1/bedrock/aws4_request");
        });
    }

    @Test
    void onBedrockAModelWithoutABedrockIdIsRefusedBeforeAnythingIsSent() throws Exception {
        assertThat(evaluateSigned(Map.of("anthropic.provider", "bedrock"), "--feature", "summarise", "--samples",
                "infra/samples/summarise.jsonl", "--models", "claude-sonnet-5")).isEqualTo(EvaluateCommand.BAD_INPUT);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("model claude-sonnet-5 has no "
                + "models.claude-sonnet-5.bedrock.model-id, and anthropic.provider is bedrock");
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void onClaudePlatformOnAwsItRunsOneBatchSignedInTheWorkspace() throws Exception {
        assertThat(evaluateSigned(Map.of("anthropic.provider", "aws", "anthropic.aws.workspace-id", "wrkspc_eval"),
                "--feature", "extract-invoice", "--samples", "infra/samples/extract-invoice.jsonl", "--models",
                "claude-opus-4-6")).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(batchesCreated()).isEqualTo(1);
        assertThat(out()).contains("batch (50 % off) prices");
        assertThat(upstream.received()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.header("authorization")).contains("/us-east-1/aws-external-anthropic/aws4_request");
            assertThat(request.header("anthropic-workspace-id")).isEqualTo("wrkspc_eval");
        });
    }

    @Test
    void aSecondRunReadsTheBatchTheFirstCreated() throws Exception {
        assertThat(evaluate("--feature", "extract-invoice", "--samples", "infra/samples/extract-invoice.jsonl",
                "--models", "claude-opus-4-6")).isZero();
        String first = out();
        assertThat(evaluate("--feature", "extract-invoice", "--samples", "infra/samples/extract-invoice.jsonl",
                "--models", "claude-opus-4-6")).isZero();

        assertThat(batchesCreated()).as("one batch for both runs").isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Resuming batch msgbatch_");
        assertThat(out()).isEqualTo(first);
        assertThat(rows().get("claude-opus-4-6")[2]).isEqualTo("3/3");
    }

    @Test
    void callByCallAnOverloadedAnswerIsTriedAgainAfterTheWaitTheApiAsksFor() throws Exception {
        upstream.failNext(dev.claudefeatures.simulator.Fault.error(529, "overloaded_error")
                .withHeader("retry-after", "0.05"));

        assertThat(evaluate("--feature", "summarise", "--samples", "infra/samples/summarise.jsonl", "--models",
                "claude-opus-4-6", "--no-batch")).isZero();

        assertThat(rows().get("claude-sonnet-4-6")[1]).as("every sample answered").isEqualTo("3");
        assertThat(upstream.received()).as("six calls and the one tried again").hasSize(7);
    }

    @Test
    void aRequestTheApiRefusesIsCountedWithItsReason() throws Exception {
        upstream.failNext(dev.claudefeatures.simulator.Fault.error(400, "invalid_request_error"));

        assertThat(evaluate("--feature", "summarise", "--samples", "infra/samples/summarise.jsonl", "--models",
                "claude-opus-4-6", "--no-batch")).isZero();

        assertThat(rows().get("claude-sonnet-4-6")[1]).as("the first call refused").isEqualTo("2");
        assertThat(out()).contains("claude-sonnet-4-6: 1 without an answer: {400 invalid_request_error=1}")
                .doesNotContain("claude-opus-4-6: ");
    }

    @Test
    void aTextFeatureCallByCallHasNoSchemaColumn() throws Exception {
        assertThat(evaluate("--feature", "summarise", "--samples", "infra/samples/summarise.jsonl", "--models",
                "claude-opus-4-6", "--no-batch")).isZero();

        assertThat(rows().get("claude-opus-4-6")[2]).isEqualTo("-");
        assertThat(rows().get("claude-sonnet-4-6")[1]).isEqualTo("3");
        assertThat(out()).contains("list prices").doesNotContain("escalation from");
        assertThat(upstream.received()).hasSize(6).allMatch(r -> r.path().equals("/v1/messages"));
    }

    @Test
    void documentsAndConversationsGoOutAsTheirFeaturesSendThem() throws Exception {
        assertThat(evaluate("--feature", "answer", "--samples", "infra/samples/answer.jsonl", "--models",
                "claude-opus-4-6")).isZero();
        assertThat(rows().get("claude-opus-4-6")[1]).isEqualTo("2");
        JsonNode answer = lastBatch().path("requests").get(0).path("params").path("messages").get(0).path("content");
        assertThat(answer).extracting(block -> block.path("type").asText()).containsExactly("document", "document", "text");

        assertThat(evaluate("--feature", "chat", "--samples", "infra/samples/chat.jsonl", "--models",
                "claude-opus-4-6")).isZero();
        assertThat(rows().get("claude-sonnet-4-6")[1]).isEqualTo("2");
        assertThat(lastBatch().path("requests").get(1).path("params").path("messages"))
                .extracting(turn -> turn.path("role").asText()).containsExactly("user", "assistant", "user");
    }

    @Test
    void aSampleIsTheFeaturesRequestBodyAndItsFieldsGoOutAsTheFacadeSendsThem() throws Exception {
        Path samples = work.resolve("translate.jsonl");
        Files.writeString(samples, "{\"target_language\": \"de\", \"text\": \"Good morning\", \"expected\": \"Guten Morgen\"}\n"
                + "{\"text\": \"Good night\"}\n");

        assertThat(evaluate("--feature", "summarise", "--samples", samples.toString(), "--models",
                "claude-opus-4-6")).isZero();

        JsonNode requests = lastBatch().path("requests");
        // As TypedInputTest sees the facade send a two-field input; one field goes as it is.
        assertThat(requests.get(0).path("params").path("messages").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("<target_language>\nde\n</target_language>\n<text>\nGood morning\n</text>\n");
        assertThat(requests.get(1).path("params").path("messages").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("Good night");
    }

    private JsonNode lastBatch() throws Exception {
        List<dev.claudefeatures.simulator.ReceivedRequest> created = upstream.received().stream()
                .filter(r -> r.path().equals("/v1/messages/batches") && !r.body().isEmpty()).toList();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.get(created.size() - 1).body());
    }

    @Test
    void aConversationOutOfTurnIsBadInputToo() throws Exception {
        Path samples = work.resolve("chat.jsonl");
        Files.writeString(samples, "{\"messages\": [{\"role\": \"assistant\", \"content\": \"Hello\"}]}\n");

        assertThat(evaluate("--feature", "chat", "--samples", samples.toString())).isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("chat.jsonl:1: the messages must alternate user and "
                + "assistant turns");
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void badInputIsReportedWithItsLineNumbersAndNothingIsSent() throws Exception {
        Path samples = work.resolve("bad.jsonl");
        Files.writeString(samples, String.join("\n", List.of(
                "{\"input\": \"I was charged twice.\"}",
                "{\"input\": \"unterminated",
                "{\"input\": \"" + "x".repeat(100_001) + "\"}",
                "{\"expected\": {\"category\": \"billing\"}}",
                "[1, 2]")));

        assertThat(evaluate("--feature", "classify-ticket", "--samples", samples.toString(), "--models",
                "claude-opus-4-6,claude-nonexistent-9")).isEqualTo(EvaluateCommand.BAD_INPUT);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Nothing was sent:")
                .contains("bad.jsonl:2: not a JSON object")
                .contains("bad.jsonl:3: the input has 100001 characters, above the feature's limit of 100000")
                .contains("bad.jsonl:4: needs the feature's input: its request body's fields")
                .contains("bad.jsonl:5: not a JSON object")
                .contains("unknown model claude-nonexistent-9")
                .doesNotContain("bad.jsonl:1:");
        assertThat(evaluate("--feature", "no-such-feature", "--samples", samples.toString()))
                .isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown feature no-such-feature");
        assertThat(upstream.received()).as("nothing sent").isEmpty();
    }
}
