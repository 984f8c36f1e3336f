package dev.claudefeatures.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Costs against figures computed by hand from the list prices (USD per million tokens). Peers have
 * shipped bugs exactly here: 1h writes priced at the 5m rate, writes counted twice, the geo
 * multiplier forgotten.
 */
class CostCalculatorTest {

    /** claude-sonnet-4-6: 3 / 3.75 / 6 / 0.30 / 15, and 1.1 x in the US. */
    private static final TokenPrices SONNET_4_6 = new TokenPrices(new BigDecimal("3"), new BigDecimal("3.75"),
            new BigDecimal("6"), new BigDecimal("0.30"), new BigDecimal("15"), Map.of("us", new BigDecimal("1.1")));
    /** claude-opus-4-6: 5 / 6.25 / 10 / 0.50 / 25. */
    private static final TokenPrices OPUS_4_6 = new TokenPrices(new BigDecimal("5"), new BigDecimal("6.25"),
            new BigDecimal("10"), new BigDecimal("0.50"), new BigDecimal("25"), Map.of());
    /** claude-opus-5-5: 4 / 5 / 8 / 0.20 / 20: its reads are 0.05 x input. */
    private static final TokenPrices OPUS_5_5 = new TokenPrices(new BigDecimal("4"), new BigDecimal("5"),
            new BigDecimal("8"), new BigDecimal("0.20"), new BigDecimal("20"), Map.of("us", new BigDecimal("1.1")));

    private static final Map<String, TokenPrices> MODELS = Map.of("sonnet-4-6", SONNET_4_6, "opus-4-6", OPUS_4_6,
            "opus-5-5", OPUS_5_5);

    @ParameterizedTest(name = "{0}: {1} in, {2} read, {3} 5m, {4} 1h, {5} out, geo {6} = ${7}")
    @CsvSource(nullValues = "-", value = {
            // every part at its own rate: 1000*3 + 10000*0.30 + 2000*3.75 + 3000*6 + 500*15 = 39000
            "sonnet-4-6, 1000, 10000, 2000, 3000, 500, -, 0.039",
            // 1000*5 + 10000*0.50 + 2000*6.25 + 3000*10 + 500*25 = 65000
            "opus-4-6, 1000, 10000, 2000, 3000, 500, -, 0.065",
            // a 1h write costs 2 x input, not the 5m 1.25 x: 1000*6 = 6000, against 1000*3.75 = 3750
            "sonnet-4-6, 0, 0, 0, 1000, 0, -, 0.006",
            "sonnet-4-6, 0, 0, 1000, 0, 0, -, 0.00375",
            // a fully cached prompt is a tenth of the uncached one
            "sonnet-4-6, 10000, 0, 0, 0, 0, -, 0.03",
            "sonnet-4-6, 0, 10000, 0, 0, 0, -, 0.003",
            // Opus 5.5 reads at 0.05 x: 10000*0.20 = 2000
            "opus-5-5, 0, 10000, 0, 0, 0, -, 0.002",
            // in the US, every part 1.1 x: 39000 * 1.1 = 42900
            "sonnet-4-6, 1000, 10000, 2000, 3000, 500, us, 0.0429",
            // a geo the catalog does not list costs the base prices
            "sonnet-4-6, 1000, 10000, 2000, 3000, 500, eu, 0.039",
            "opus-4-6, 1000, 10000, 2000, 3000, 500, us, 0.065",
            // one output token, exactly
            "sonnet-4-6, 0, 0, 0, 0, 1, -, 0.000015",
            "opus-5-5, 0, 0, 0, 0, 1, us, 0.000022",
            "opus-4-6, 0, 0, 0, 0, 0, -, 0"})
    void eachPartOfACallIsPricedAtItsOwnRate(String model, int input, int read, int write5m, int write1h, int output,
            String geo, String expected) {
        TokenCounts tokens = new TokenCounts(input, read, write5m, write1h, output);

        assertThat(CostCalculator.costUsd(tokens, MODELS.get(model), geo)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1} in, {2} read, {3} 5m, {4} 1h, {5} out, geo {6}: saved ${7}")
    @CsvSource(nullValues = "-", value = {
            // a read saves the input price less the read price: 4000 * (3.00 - 0.30) = 10800
            "sonnet-4-6, 0, 4000, 0, 0, 0, -, 0.0108",
            // a 5m write costs its premium over input: -4000 * (3.75 - 3.00) = -3000
            "sonnet-4-6, 0, 0, 4000, 0, 0, -, -0.003",
            // a 1h write twice the input price: -4000 * (6.00 - 3.00) = -12000
            "sonnet-4-6, 0, 0, 0, 4000, 0, -, -0.012",
            // uncached input and output are paid alike either way: no saving, no loss
            "sonnet-4-6, 900, 0, 0, 0, 300, -, 0",
            // both in one call: 4000 * 2.70 - 100 * 0.75 = 10725
            "sonnet-4-6, 50, 4000, 100, 0, 200, -, 0.010725",
            // in the US every price is 1.1 x, so is the saving: 10800 * 1.1 = 11880
            "sonnet-4-6, 0, 4000, 0, 0, 0, us, 0.01188",
            "sonnet-4-6, 0, 0, 4000, 0, 0, us, -0.0033",
            // Opus 5.5 reads at 0.05 x: 4000 * (4 - 0.20) = 15200
            "opus-5-5, 0, 4000, 0, 0, 0, -, 0.0152",
            "opus-4-6, 0, 0, 1000, 1000, 0, -, -0.00625"})
    void theCacheSavingIsTheCostWithoutCachingLessTheCost(String model, int input, int read, int write5m,
            int write1h, int output, String geo, String expected) {
        TokenCounts tokens = new TokenCounts(input, read, write5m, write1h, output);
        TokenPrices prices = MODELS.get(model);

        assertThat(CostCalculator.cacheSavingUsd(tokens, prices, geo)).isEqualByComparingTo(expected);
        // the same figure as the cost of the same tokens all sent uncached, less the cost
        assertThat(CostCalculator.cacheSavingUsd(tokens, prices, geo)).isEqualByComparingTo(CostCalculator.costUsd(
                new TokenCounts(input + read + write5m + write1h, 0, 0, 0, output), prices, geo)
                .subtract(CostCalculator.costUsd(tokens, prices, geo)));
    }
}
