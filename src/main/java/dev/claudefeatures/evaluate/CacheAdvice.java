package dev.claudefeatures.evaluate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.claudefeatures.evaluate.CacheReplay.Choice;
import dev.claudefeatures.evaluate.CacheReplay.Replayed;
import dev.claudefeatures.telemetry.TokenPrices;

/**
 * The cache advice for one feature's calls of one model and prompt version: how far apart the
 * calls came, what the cache did and cost, and what each TTL would have cost on the same calls.
 * A new prompt version, or another model, starts a cache of its own, so each is replayed alone.
 *
 * @param calls    oldest first
 * @param netSavingUsd the sum of the lines' {@code cache_saving_usd}; null if a line lacks it
 * @param outcomes one per {@link Choice}, in its order
 */
record CacheAdvice(String feature, String model, String promptVersion, List<UsageCall> calls, GapDistribution gaps,
        int writes, int reads, BigDecimal costUsd, BigDecimal netSavingUsd, List<Replayed> outcomes) {

    /** The advice for each group of {@code calls} by feature, model and prompt version, at its model's prices. */
    static List<CacheAdvice> byGroup(List<UsageCall> calls, Function<String, TokenPrices> pricesOfModel) {
        Map<List<String>, List<UsageCall>> groups = new TreeMap<>(Comparator.comparing(Object::toString));
        calls.forEach(call -> groups.computeIfAbsent(List.of(call.feature(), call.model(), call.promptVersion()),
                key -> new ArrayList<>()).add(call));
        List<CacheAdvice> advice = new ArrayList<>();
        groups.forEach((key, members) -> advice.add(of(members, pricesOfModel.apply(key.get(1)))));
        return advice;
    }

    /** @param calls of one feature, model and prompt version */
    static CacheAdvice of(List<UsageCall> calls, TokenPrices prices) {
        List<UsageCall> inOrder = calls.stream().sorted(Comparator.comparing(UsageCall::timestamp)).toList();
        UsageCall first = inOrder.get(0);
        int writes = (int) inOrder.stream().filter(call -> call.tokens().cacheWrite() > 0).count();
        int reads = (int) inOrder.stream().filter(call -> call.tokens().cacheRead() > 0).count();
        BigDecimal cost = inOrder.stream().map(UsageCall::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal saving = inOrder.stream().allMatch(call -> call.cacheSavingUsd() != null)
                ? inOrder.stream().map(UsageCall::cacheSavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add) : null;
        List<Replayed> outcomes = new ArrayList<>();
        for (Choice choice : Choice.values()) {
            outcomes.add(CacheReplay.replay(inOrder, choice, prices));
        }
        return new CacheAdvice(first.feature(), first.model(), first.promptVersion(), inOrder,
                GapDistribution.of(inOrder), writes, reads, cost, saving, List.copyOf(outcomes));
    }

    /** Whether the calls cached anything at all: without a prefix there is nothing to replay. */
    boolean cachedAnything() {
        return calls.stream().anyMatch(call -> call.prefixTokens() > 0);
    }

    /** The cheapest choice on these calls; on a tie the simpler one (no cache, then the shorter TTL). */
    Choice cheapest() {
        Replayed best = outcomes.get(0);
        for (Replayed outcome : outcomes) {
            if (outcome.costUsd().compareTo(best.costUsd()) < 0) {
                best = outcome;
            }
        }
        return best.choice();
    }

    /** The average cached prefix of the calls that had one. */
    long averagePrefixTokens() {
        return Math.round(calls.stream().filter(call -> call.prefixTokens() > 0).mapToInt(UsageCall::prefixTokens)
                .average().orElse(0));
    }
}
