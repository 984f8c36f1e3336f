package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.CacheControl;
import dev.claudefeatures.messages.ContentBlock;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.SystemPrompt;
import dev.claudefeatures.messages.Tool;
import dev.claudefeatures.testing.TestConfig;

/** Where the planner puts breakpoints, and where it leaves them out, on Sonnet 4.6 (minimum 1,024 tokens). */
class CachePlannerTest {

    private static final ModelCatalog.ModelSpec SONNET = TestConfig.with(Map.of(), ModelCatalog.class)
            .getConfigMapping(ModelCatalog.class).models().get("claude-sonnet-4-6");
    private static final CacheControl FIVE = CacheControl.ephemeral(CacheControl.Ttl.FIVE_MINUTES);
    private static final CacheControl HOUR = CacheControl.ephemeral(CacheControl.Ttl.ONE_HOUR);

    private static FeaturePolicy policy(String prompt, CachePolicy cache) {
        return new FeaturePolicy("demo", "claude-sonnet-4-6", SONNET, 300, prompt, cache, OptionalDouble.empty(), 1000);
    }

    private static MessageRequest plan(FeaturePolicy policy, List<Tool> tools, List<Message> messages) {
        return CachePlanner.place(policy, MessageRequest.builder("claude-sonnet-4-6", 300), tools, messages).build();
    }

    private static Tool tool(int schemaChars) throws Exception {
        return Tool.strict("record_demo", "Record it.", new ObjectMapper().readTree(
                "{\"type\":\"object\",\"description\":\"" + "d".repeat(schemaChars) + "\"}"));
    }

    private static CachePolicy cache(CacheMode tools, CacheMode system, CacheMode documents, CacheMode conversation,
            CacheMode automatic) {
        return new CachePolicy(tools, system, documents, conversation, automatic);
    }

    @Test
    void aSystemPromptBelowTheMinimumGetsNoBreakpointButToolsBeforeItCanLiftItOver() throws Exception {
        String prompt = "p".repeat(4 * 600); // about 600 tokens: below 1,024 alone
        CachePolicy both = cache(CacheMode.NONE, CacheMode.FIVE_MINUTES, CacheMode.NONE, CacheMode.NONE, CacheMode.NONE);

        assertThat(plan(policy(prompt, both), null, List.of(Message.user("q"))).system())
                .isEqualTo(SystemPrompt.of(prompt));
        // With 500 tokens of tool before it, the cumulative prefix passes 1,024.
        assertThat(plan(policy(prompt, both), List.of(tool(4 * 500)), List.of(Message.user("q"))).system())
                .isEqualTo(SystemPrompt.of(List.of(new ContentBlock.Text(prompt).withCacheControl(FIVE))));
    }

    @Test
    void toolsAndSystemCarryTheirOwnTtlsInPrefixOrder() throws Exception {
        String prompt = "p".repeat(4 * 2000);
        MessageRequest request = plan(policy(prompt, cache(CacheMode.ONE_HOUR, CacheMode.FIVE_MINUTES, CacheMode.NONE,
                CacheMode.NONE, CacheMode.NONE)), List.of(tool(4 * 1100)), List.of(Message.user("q")));

        assertThat(request.tools().get(0).cacheControl()).isEqualTo(HOUR);
        assertThat(((SystemPrompt.Blocks) request.system()).blocks().get(0).cacheControl()).isEqualTo(FIVE);
        assertThat(request.hasCacheBreakpoint()).isTrue();
    }

    @Test
    void toolsBelowTheMinimumAreNotMarked() throws Exception {
        MessageRequest request = plan(policy("p", cache(CacheMode.ONE_HOUR, CacheMode.NONE, CacheMode.NONE,
                CacheMode.NONE, CacheMode.NONE)), List.of(tool(100)), List.of(Message.user("q")));

        assertThat(request.tools().get(0).cacheControl()).isNull();
        assertThat(request.hasCacheBreakpoint()).isFalse();
    }

    @Test
    void theConversationSoFarIsMarkedOnTheLastBlockBeforeTheNewestTurn() {
        String long1 = "a".repeat(4 * 1100);
        List<Message> turns = List.of(Message.user(long1), Message.assistant(List.of(new ContentBlock.Text("answer"))),
                Message.user("next question"));

        MessageRequest request = plan(policy("p", cache(CacheMode.NONE, CacheMode.NONE, CacheMode.NONE,
                CacheMode.FIVE_MINUTES, CacheMode.NONE)), null, turns);

        assertThat(((ContentBlock.Text) request.messages().get(1).content().get(0)).cacheControl()).isEqualTo(FIVE);
        assertThat(((ContentBlock.Text) request.messages().get(2).content().get(0)).cacheControl()).isNull();
        assertThat(((ContentBlock.Text) request.messages().get(0).content().get(0)).cacheControl()).isNull();
    }

    @Test
    void aShortConversationIsNotMarked() {
        List<Message> turns = List.of(Message.user("hi"), Message.assistant(List.of(new ContentBlock.Text("hello"))),
                Message.user("more"));

        MessageRequest request = plan(policy("p", cache(CacheMode.NONE, CacheMode.NONE, CacheMode.NONE,
                CacheMode.FIVE_MINUTES, CacheMode.NONE)), null, turns);

        assertThat(request.hasCacheBreakpoint()).isFalse();
    }

    @Test
    void theLastDocumentIsMarkedWhenTheDocumentsReachTheMinimum() throws Exception {
        ContentBlock.Document document = new ContentBlock.Document(new ObjectMapper().readTree(
                "{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"" + "w".repeat(4 * 1100) + "\"}"), "Policy",
                null, null, null);
        List<Message> turns = List.of(Message.user(List.of(document, new ContentBlock.Text("What does it say?"))));

        MessageRequest request = plan(policy("p", cache(CacheMode.NONE, CacheMode.NONE, CacheMode.ONE_HOUR,
                CacheMode.NONE, CacheMode.NONE)), null, turns);

        assertThat(((ContentBlock.Document) request.messages().get(0).content().get(0)).cacheControl()).isEqualTo(HOUR);
        assertThat(((ContentBlock.Text) request.messages().get(0).content().get(1)).cacheControl()).isNull();
    }

    @Test
    void automaticCachingSetsTheTopLevelControlOnceThePromptIsLongEnough() {
        assertThat(plan(policy("p".repeat(4 * 1100), cache(CacheMode.NONE, CacheMode.NONE, CacheMode.NONE,
                CacheMode.NONE, CacheMode.FIVE_MINUTES)), null, List.of(Message.user("q"))).cacheControl())
                .isEqualTo(FIVE);
        assertThat(plan(policy("p", cache(CacheMode.NONE, CacheMode.NONE, CacheMode.NONE, CacheMode.NONE,
                CacheMode.FIVE_MINUTES)), null, List.of(Message.user("q"))).cacheControl()).isNull();
    }

    @Test
    void theStaticGapsNameWhatNoRequestWillGet() {
        FeaturePolicy shortPrompt = policy("p".repeat(40), CachePolicy.systemOnly(CacheMode.FIVE_MINUTES));

        assertThat(CachePlanner.staticGaps(shortPrompt, 0)).singleElement().asString()
                .startsWith("system prompt: about 10 tokens").contains("minimum of 1024");
        assertThat(CachePlanner.staticGaps(policy("p".repeat(4 * 1100), CachePolicy.systemOnly(CacheMode.FIVE_MINUTES)),
                0)).isEmpty();
        assertThat(CachePlanner.staticGaps(policy("p", CachePolicy.systemOnly(CacheMode.NONE)), 0)).isEmpty();
    }

    @Test
    void aSystemPromptOfExactlyTheMinimumIsMarkedAndOneTokenLessIsNot() {
        CachePolicy system = CachePolicy.systemOnly(CacheMode.FIVE_MINUTES);

        assertThat(plan(policy("p".repeat(4 * 1024), system), null, List.of(Message.user("q"))).hasCacheBreakpoint())
                .isTrue();
        assertThat(plan(policy("p".repeat(4 * 1023), system), null, List.of(Message.user("q"))).hasCacheBreakpoint())
                .isFalse();
    }

    @Test
    void toolsOfExactlyTheMinimumAreMarkedCountingNameAndDescription() throws Exception {
        CachePolicy tools = cache(CacheMode.ONE_HOUR, CacheMode.NONE, CacheMode.NONE, CacheMode.NONE, CacheMode.NONE);
        Tool probe = tool(0);
        int fixed = CachePlanner.estimatedTokens(probe.inputSchema().toString())
                + CachePlanner.estimatedTokens(probe.name() + probe.description());
        // Each 4 characters of description add one token to the schema's estimate.
        Tool exactly = tool(4 * (1024 - fixed));
        Tool oneLess = tool(4 * (1023 - fixed));

        assertThat(plan(policy("p", tools), List.of(exactly), List.of(Message.user("q"))).tools().get(0).cacheControl())
                .isEqualTo(HOUR);
        assertThat(plan(policy("p", tools), List.of(oneLess), List.of(Message.user("q"))).tools().get(0).cacheControl())
                .isNull();
    }

    @Test
    void neverMoreThanFourBreakpoints() throws Exception {
        ContentBlock.Document document = new ContentBlock.Document(new ObjectMapper().readTree(
                "{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"doc\"}"), null, null, null, null);
        List<Message> turns = List.of(Message.user(List.of(document, new ContentBlock.Text("q1"))),
                Message.assistant(List.of(new ContentBlock.Text("a1"))), Message.user("q2"));
        CachePolicy everything = cache(CacheMode.ONE_HOUR, CacheMode.ONE_HOUR, CacheMode.ONE_HOUR, CacheMode.ONE_HOUR,
                CacheMode.ONE_HOUR);

        MessageRequest request = plan(policy("p".repeat(4 * 100), everything), List.of(tool(4 * 1100)), turns);

        assertThat(request.tools().get(0).cacheControl()).isEqualTo(HOUR);
        assertThat(((SystemPrompt.Blocks) request.system()).blocks().get(0).cacheControl()).isEqualTo(HOUR);
        assertThat(((ContentBlock.Document) request.messages().get(0).content().get(0)).cacheControl()).isEqualTo(HOUR);
        assertThat(((ContentBlock.Text) request.messages().get(1).content().get(0)).cacheControl()).isEqualTo(HOUR);
        assertThat(request.cacheControl()).as("a fifth breakpoint").isNull();
    }

    @Test
    void documentsAndConversationAreMarkedFromExactlyTheMinimum() throws Exception {
        String system = "p".repeat(4 * 24);
        ContentBlock.Document document = new ContentBlock.Document(new ObjectMapper().readTree("{}"), null, null, null,
                null);
        int documentTokens = CachePlanner.estimatedTokens("{}");
        String filler = "f".repeat(4 * (1024 - 24 - documentTokens));
        List<Message> exactly = List.of(Message.user(List.of(new ContentBlock.Text(filler), document)));
        List<Message> oneLess = List.of(Message.user(List.of(new ContentBlock.Text(filler.substring(4)), document)));
        CachePolicy documents = cache(CacheMode.NONE, CacheMode.NONE, CacheMode.FIVE_MINUTES, CacheMode.NONE,
                CacheMode.NONE);

        assertThat(plan(policy(system, documents), null, exactly).hasCacheBreakpoint()).isTrue();
        assertThat(plan(policy(system, documents), null, oneLess).hasCacheBreakpoint()).isFalse();

        CachePolicy conversation = cache(CacheMode.NONE, CacheMode.NONE, CacheMode.NONE, CacheMode.FIVE_MINUTES,
                CacheMode.NONE);
        String history = "h".repeat(4 * (1024 - 24 - 1));
        List<Message> turns = List.of(Message.user(history), Message.assistant(List.of(new ContentBlock.Text("abcd"))),
                Message.user("next"));
        List<Message> shorter = List.of(Message.user(history.substring(4)),
                Message.assistant(List.of(new ContentBlock.Text("abcd"))), Message.user("next"));
        assertThat(plan(policy(system, conversation), null, turns).hasCacheBreakpoint()).isTrue();
        assertThat(plan(policy(system, conversation), null, shorter).hasCacheBreakpoint()).isFalse();
    }

    @Test
    void aConversationEndingInAToolCallIsNotMarkedAndLeavesTheSlotToAutomaticCaching() throws Exception {
        List<Message> turns = List.of(Message.user("u".repeat(4 * 1100)),
                Message.assistant(List.of(new ContentBlock.ToolUse("toolu_1", "t", new ObjectMapper().readTree("{}"), null))),
                Message.user("next"));

        MessageRequest request = plan(policy("p", cache(CacheMode.NONE, CacheMode.NONE, CacheMode.NONE,
                CacheMode.FIVE_MINUTES, CacheMode.ONE_HOUR)), null, turns);

        assertThat(((ContentBlock.ToolUse) request.messages().get(1).content().get(0)).cacheControl()).isNull();
        assertThat(request.cacheControl()).isEqualTo(HOUR);
    }

    @Test
    void staticGapsNameToolsBelowTheMinimumAndCountThemBeforeTheSystemPrompt() {
        FeaturePolicy tools = policy("p".repeat(40), cache(CacheMode.ONE_HOUR, CacheMode.FIVE_MINUTES, CacheMode.NONE,
                CacheMode.NONE, CacheMode.NONE));

        assertThat(CachePlanner.staticGaps(tools, 100)).containsExactly(
                "tools: about 100 tokens, below claude-sonnet-4-6's minimum of 1024",
                "system prompt: about 110 tokens with the tools before it, below claude-sonnet-4-6's minimum of 1024");
        assertThat(CachePlanner.staticGaps(tools, 1024)).isEmpty();
        // One token short for the tools, but the system prompt after them passes the minimum.
        assertThat(CachePlanner.staticGaps(tools, 1023)).containsExactly(
                "tools: about 1023 tokens, below claude-sonnet-4-6's minimum of 1024");
    }
}
