package dev.claudefeatures.evaluate;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.claudefeatures.policy.FeaturePolicy;

/**
 * What one API call of a feature costs in production on its current model and configuration, as
 * measured on the samples: list prices (whatever the samples ran at), cache reads and writes
 * included, and the escalations the current threshold makes included too, because production
 * pays them and the cost-per-call alarm divides the feature's {@code EstimatedCostUSD} by its
 * {@code Calls}, which count every API call, escalations among them.
 *
 * @param escalation   the feature's escalation, when it has one
 * @param firstCalls   the answered calls to the feature's model
 * @param escalations  of those, the ones the current threshold would escalate (and that were answered)
 * @param usdPerCall   the mean cost of one API call, unrounded
 */
record CostBaseline(String feature, String model, Optional<FeaturePolicy.Escalation> escalation, int firstCalls,
        int escalations, BigDecimal usdPerCall) {

    /** The template's baseline parameters follow this rule: {@code extract-invoice} → {@code ExtractInvoiceCostPerCallBaselineUSD}. */
    static String parameterName(String feature) {
        return Arrays.stream(feature.split("-")).filter(part -> !part.isEmpty())
                .map(part -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
                .collect(Collectors.joining()) + "CostPerCallBaselineUSD";
    }

    /**
     * Six decimals (a millionth of a dollar), or three significant digits where six decimals would
     * show fewer: a non-zero cost never prints as 0, which the alarm would read as "any cost at all".
     */
    static BigDecimal rounded(BigDecimal usd) {
        BigDecimal threeSignificant = usd.round(new MathContext(3, RoundingMode.HALF_UP));
        return threeSignificant.scale() > 6 ? threeSignificant : usd.setScale(6, RoundingMode.HALF_UP);
    }

    /** {@code Name=value}, as {@code parameter_overrides} takes it. */
    String parameter() {
        return parameterName(feature) + "=" + rounded(usdPerCall).toPlainString();
    }

    /**
     * @param batchPrices   whether the table's figures are batch prices (the baseline never is)
     * @param fromSimulator whether the tokens came from the offline simulator: then no line to deploy
     */
    void print(PrintStream out, boolean batchPrices, boolean fromSimulator) {
        if (firstCalls == 0) {
            out.printf("%nno cost-per-call baseline for %s: %s answered no sample%n", feature, model);
            return;
        }
        String escalated = escalation.map(e -> String.format(Locale.ROOT,
                "; escalations to %s below %.2f included (%d of %d first answers), as production pays them", e.model(),
                e.belowConfidence(), escalations, firstCalls)).orElse("");
        out.printf(Locale.ROOT, "%ncost-per-call baseline for %s (%s at list prices%s, cache reads and writes "
                + "included%s): %s USD a call%n", feature, model, batchPrices ? ", not the batch prices above" : "", escalated,
                rounded(usdPerCall).toPlainString());
        if (fromSimulator) {
            out.printf("not a baseline to deploy: the offline simulator made these tokens up; with "
                    + "ANTHROPIC_API_KEY set, evaluate prints the %s=<USD> parameter to deploy%n", parameterName(feature));
            return;
        }
        out.printf("deploy with: %s   (add it to parameter_overrides in infra/samconfig.toml; the alarm fires when an "
                + "hour's cost per call is above CostPerCallAlarmMultiple, default 2, times this)%n", parameter());
    }
}
