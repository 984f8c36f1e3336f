package dev.claudefeatures.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.Provider;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** A call's span names its provider as the GenAI conventions spell it: {@code anthropic}, or {@code aws.bedrock}. */
class ProviderSpanTest {

    @ParameterizedTest
    @CsvSource({"ANTHROPIC, anthropic", "AWS, anthropic", "BEDROCK, aws.bedrock"})
    void theCallsSpanCarriesTheProvidersConventionalName(Provider provider, String expected) {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
            Traces traces = new Traces(sdk.getTracer("test"), provider);
            TokenPrices prices = new TokenPrices(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                    BigDecimal.ONE, Map.of());

            traces.call(new CallContext("summarise", "claude-sonnet-4-6", prices, false),
                    MessageRequest.builder("claude-sonnet-4-6", 64).message(Message.user("Hi")).build(), false).close();

            assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(span -> assertThat(
                    span.getAttributes().get(GenAiAttributes.PROVIDER_NAME)).isEqualTo(expected));
        }
    }
}
