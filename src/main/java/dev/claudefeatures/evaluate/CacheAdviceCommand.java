package dev.claudefeatures.evaluate;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.evaluate.CacheReplay.Choice;
import dev.claudefeatures.evaluate.CacheReplay.Replayed;
import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.policy.CacheMode;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.FeaturesConfig;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.telemetry.TelemetryConfig;
import io.smallrye.config.SmallRyeConfig;

/**
 * {@code cache-advice}: reads a feature's usage lines as CloudWatch Logs returns them and tells,
 * per feature, model and prompt version, how far apart the calls came, what the cache did and
 * cost, and what caching off, 5m and 1h would have cost on the same calls (see {@link CacheReplay}),
 * with the configuration line that sets the cheapest. Offline: prices come from the model catalog
 * of the same configuration the functions read.
 *
 * <pre>
 * ./mvnw -Pcache-advice -Devents=events.json [-Dfeature=support-reply]
 * </pre>
 */
public final class CacheAdviceCommand {

    /** The exit status of bad input: no file, or no usage line in it. */
    static final int BAD_INPUT = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper();

    /** A command that prints its advice to {@code out} and what it skipped to {@code err}. */
    public CacheAdviceCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws Exception {
        int status = new CacheAdviceCommand(System.out, System.err).run(options(args), Map.of());
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@code --name value} arguments over the same-named system properties. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String name : List.of("events", "feature")) {
            String property = System.getProperty(name);
            if (property != null && !property.isEmpty()) {
                options.put(name, property);
            }
        }
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    /**
     * @param overrides configuration on top of application.properties and the environment (tests)
     * @return the exit status: 0, or {@link #BAD_INPUT}
     */
    public int run(Map<String, String> options, Map<String, String> overrides) throws IOException {
        String events = options.get("events");
        if (events == null) {
            return bad("usage: cache-advice --events <filter-log-events output or one event a line> [--feature <name>]");
        }
        if (!Files.isRegularFile(Path.of(events))) {
            return bad("no such file: " + events);
        }
        SmallRyeConfig config = EvaluateCommand.config(overrides);
        ModelCatalog catalog = config.getConfigMapping(ModelCatalog.class);
        Policies policies = new Policies(config.getConfigMapping(FeaturesConfig.class), catalog,
                config.getConfigMapping(AnthropicConfig.class), config.getConfigMapping(TelemetryConfig.class), json);

        UsageEvents.Parsed read = UsageEvents.read(Path.of(events), json);
        List<String> problems = new ArrayList<>(read.problems());
        String feature = options.get("feature");
        List<UsageCall> calls = new ArrayList<>();
        Map<String, Integer> unknownModels = new HashMap<>();
        for (UsageCall call : read.calls()) {
            if (feature != null && !feature.equals(call.feature())) {
                continue;
            }
            if (catalog.models().containsKey(call.model())) {
                calls.add(call);
            } else {
                unknownModels.merge(call.model(), 1, Integer::sum);
            }
        }
        unknownModels.forEach((model, count) -> problems.add(count + " call(s) on " + model
                + ", a model the catalog does not have: skipped"));
        if (!problems.isEmpty()) {
            err.println("Skipped " + problems.size() + ":");
            problems.forEach(problem -> err.println("  " + problem));
        }
        if (calls.isEmpty()) {
            return bad("no usage line" + (feature == null ? "" : " of " + feature) + " to advise on in " + events);
        }
        for (CacheAdvice advice : CacheAdvice.byGroup(calls,
                model -> FeaturePolicy.prices(catalog.models().get(model),
                        config.getConfigMapping(AnthropicConfig.class).provider()))) {
            print(advice, policies);
        }
        return 0;
    }

    private void print(CacheAdvice advice, Policies policies) {
        out.printf("%s on %s, prompt version %s: %d calls, %s to %s%n", advice.feature(), advice.model(),
                advice.promptVersion(), advice.calls().size(), advice.calls().get(0).timestamp(),
                advice.calls().get(advice.calls().size() - 1).timestamp());
        GapDistribution gaps = advice.gaps();
        out.printf("  gaps between calls: p50 %s, p90 %s, max %s; under 5m %d, 5m to 1h %d, over 1h %d%n",
                duration(gaps.p50()), duration(gaps.p90()), duration(gaps.max()), gaps.underFiveMinutes(),
                gaps.fiveMinutesToAnHour(), gaps.overAnHour());
        out.printf("  cache now: %d writes, %d reads; cost %s USD, net saving of caching %s%n", advice.writes(),
                advice.reads(), usd(advice.costUsd()),
                advice.netSavingUsd() == null ? "not in these lines" : usd(advice.netSavingUsd()) + " USD");
        if (!advice.cachedAnything()) {
            out.printf("  no call wrote or read the cache: no cached prefix to replay%n%n");
            return;
        }
        out.printf("  replayed on these timestamps, a prefix of %,d tokens (base prices):%n",
                advice.averagePrefixTokens());
        out.printf("    %-5s %7s %7s %12s%n", "cache", "writes", "reads", "cost USD");
        Choice cheapest = advice.cheapest();
        for (Replayed outcome : advice.outcomes()) {
            out.printf("    %-5s %7d %7d %12s%s%n", outcome.choice().configValue(), outcome.writes(), outcome.reads(),
                    usd(outcome.costUsd()), outcome.choice() == cheapest ? "   <- cheapest" : "");
        }
        out.println("  " + configuration(advice.feature(), cheapest, policies));
        out.println();
    }

    /** The line that sets the cheapest choice on each breakpoint the feature's requests get. */
    private static String configuration(String feature, Choice cheapest, Policies policies) {
        if (!policies.features().contains(feature)) {
            return "(" + feature + " is not configured here; configured: " + new TreeSet<>(policies.features()) + ")";
        }
        Map<String, CacheMode> breakpoints = policies.placedBreakpoints(feature);
        if (breakpoints.isEmpty()) {
            return "(features." + feature + " places no cache breakpoint now: nothing to set)";
        }
        List<String> lines = new ArrayList<>();
        breakpoints.keySet().forEach(key -> lines.add("features." + feature + ".cache." + key + "="
                + cheapest.configValue()));
        return "set " + String.join(" and ", lines);
    }

    private static String usd(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code 7m00s}, {@code 2h00m}, {@code 45s}; {@code -} when there is no gap. */
    private static String duration(Duration duration) {
        if (duration == null) {
            return "-";
        }
        long seconds = duration.toSeconds();
        if (seconds >= 3600) {
            return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return seconds >= 60 ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }

    private int bad(String problem) {
        err.println(problem);
        return BAD_INPUT;
    }
}
