package dev.claudefeatures.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The baseline's parameter name, its rounding, and what is printed to deploy, or not. */
class CostBaselineTest {

    @Test
    void theParameterIsTheFeatureInPascalCaseThenCostPerCallBaselineUSD() {
        assertThat(CostBaseline.parameterName("summarise")).isEqualTo("SummariseCostPerCallBaselineUSD");
        assertThat(CostBaseline.parameterName("extract-invoice")).isEqualTo("ExtractInvoiceCostPerCallBaselineUSD");
        assertThat(CostBaseline.parameterName("classify-ticket")).isEqualTo("ClassifyTicketCostPerCallBaselineUSD");
        assertThat(CostBaseline.parameterName("support-reply")).isEqualTo("SupportReplyCostPerCallBaselineUSD");
    }

    @Test
    void sixDecimalsAndANonZeroCostNeverRoundsToZero() {
        assertThat(CostBaseline.rounded(new BigDecimal("0.0005785714")).toPlainString()).isEqualTo("0.000579");
        assertThat(CostBaseline.rounded(new BigDecimal("0.0123456")).toPlainString()).isEqualTo("0.012346");
        assertThat(CostBaseline.rounded(new BigDecimal("0.00000012345")).toPlainString()).isEqualTo("0.000000123");
        assertThat(CostBaseline.rounded(new BigDecimal("0.0000004")).toPlainString()).isEqualTo("0.0000004");
    }

    @Test
    void fromTheApiItSaysWhatToDeployFromTheSimulatorItDoesNot() {
        CostBaseline baseline = new CostBaseline("summarise", "claude-sonnet-4-6", Optional.empty(), 3, 0,
                new BigDecimal("0.0005234"));

        assertThat(printed(baseline, false)).contains("cost-per-call baseline for summarise (claude-sonnet-4-6 at list "
                + "prices, not the batch prices above, cache reads and writes included): 0.000523 USD a call")
                .contains("deploy with: SummariseCostPerCallBaselineUSD=0.000523   (add it to parameter_overrides in "
                        + "infra/samconfig.toml; the alarm fires when an hour's cost per call is above CostPerCallAlarmMultiple, default 2, times this)");
        assertThat(printed(baseline, true)).contains("0.000523 USD a call")
                .doesNotContain("deploy with:").doesNotContain("=0.000523")
                .contains("not a baseline to deploy: the offline simulator made these tokens up");
    }

    private static String printed(CostBaseline baseline, boolean fromSimulator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        baseline.print(new PrintStream(out, true, StandardCharsets.UTF_8), true, fromSimulator);
        return out.toString(StandardCharsets.UTF_8);
    }
}
