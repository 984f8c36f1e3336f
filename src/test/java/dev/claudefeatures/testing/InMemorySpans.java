package dev.claudefeatures.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * The span exporter of every {@code @QuarkusTest}: spans are kept in memory, each as it ends (a
 * simple processor, as {@code quarkus.otel.simple} gives the OTLP exporter in production), so that a
 * test reads them once its request has been answered, without waiting for a batch.
 */
@ApplicationScoped
public class InMemorySpans {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    /** Only under its own type: as a {@code SpanExporter} bean Quarkus would also batch it. */
    @Produces
    @Singleton
    @Typed(InMemorySpanExporter.class)
    InMemorySpanExporter exporter() {
        return exporter;
    }

    @Produces
    @Singleton
    SpanProcessor processor() {
        return SimpleSpanProcessor.create(exporter);
    }
}
