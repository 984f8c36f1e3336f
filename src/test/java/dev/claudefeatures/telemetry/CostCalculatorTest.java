package dev.claudefeatures.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Costs against figures computed by hand from the list prices (USD per million tokens). */
class CostCalculatorTest {

    /** claude-sonnet-4-6: 3 / 3.75 / 6 / 0.30 / 15. */
    private static final TokenPrices SONNET_4_6 = new TokenPrices(new BigDecimal("3"), new BigDecimal("3.75"),
            new BigDecimal("6"), new BigDecimal("0.30"), new BigDecimal("15"));
    /** claude-opus-4-6: 5 / 6.25 / 10 / 0.50 / 25. */
    private static final TokenPrices OPUS_4_6 = new TokenPrices(new BigDecimal("5"), new BigDecimal("6.25"),
            new BigDecimal("10"), new BigDecimal("0.50"), new BigDecimal("25"));

    /** 1,000 uncached in, 10,000 read, 2,000 written for 5 min, 3,000 for 1 h, 500 out. */
    private static final TokenCounts MIXED = new TokenCounts(1_000, 10_000, 2_000, 3_000, 500);

    @Test
    void sonnetPricesEachPartOfTheInputAtItsOwnRate() {
        // 1000*3 + 2000*3.75 + 3000*6 + 10000*0.30 + 500*15 = 3000 + 7500 + 18000 + 3000 + 7500 = 39000 per M
        assertThat(CostCalculator.costUsd(MIXED, SONNET_4_6)).isEqualByComparingTo("0.039");
    }

    @Test
    void opusPricesEachPartOfTheInputAtItsOwnRate() {
        // 1000*5 + 2000*6.25 + 3000*10 + 10000*0.50 + 500*25 = 5000 + 12500 + 30000 + 5000 + 12500 = 65000 per M
        assertThat(CostCalculator.costUsd(MIXED, OPUS_4_6)).isEqualByComparingTo("0.065");
    }

    @Test
    void aFullyCachedPromptCostsATenthOfTheSameUncachedPrompt() {
        TokenCounts uncached = new TokenCounts(10_000, 0, 0, 0, 0);
        TokenCounts cached = new TokenCounts(0, 10_000, 0, 0, 0);

        assertThat(CostCalculator.costUsd(uncached, SONNET_4_6)).isEqualByComparingTo("0.03");
        assertThat(CostCalculator.costUsd(cached, SONNET_4_6)).isEqualByComparingTo("0.003");
    }

    @Test
    void aSingleOutputTokenIsPricedExactly() {
        assertThat(CostCalculator.costUsd(new TokenCounts(0, 0, 0, 0, 1), SONNET_4_6))
                .isEqualByComparingTo("0.000015");
    }

    @Test
    void noTokensCostNothing() {
        assertThat(CostCalculator.costUsd(TokenCounts.NONE, OPUS_4_6)).isEqualByComparingTo("0");
    }
}
