package dev.claudefeatures.telemetry;

import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.arc.Unremovable;

/**
 * The application's {@link OpenTelemetry}, decided once at start-up by {@code quarkus.otel.sdk.disabled}:
 * with tracing off (the default), the API's no-op, so that the SDK is never built nor loaded; with
 * tracing on, the SDK exactly as {@code quarkus-opentelemetry} builds it (exporter, sampler,
 * propagators, span processors).
 *
 * <p>Why: Quarkus 3.33 creates its {@code OpenTelemetry} bean at every start, tracing off or not
 * ({@code InstrumentationRecorder.setupVertxTracer} looks it up before it reads
 * {@code sdkDisabled}), and that bean runs the SDK's autoconfiguration even when the SDK is disabled
 * ({@code OpenTelemetryRecorder.opentelemetryBean}): about 150 classes loaded by every cold start,
 * for a tracer that records nothing (docs/PERFORMANCE.md, "Traces off"). Quarkus's bean is a
 * default bean, so this one takes its place, and hands it out unchanged when tracing is on.
 */
@Singleton
public class TracingSdk {

    /** The instrumentation scope of Quarkus's {@code TracerProducer}, kept for the kit's spans. */
    static final String QUARKUS_SCOPE = "io.quarkus.opentelemetry";

    // Unremovable: Quarkus looks it up by type, which is no injection point to keep it by.
    @Produces
    @Singleton
    @Unremovable
    OpenTelemetry openTelemetry(@ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        return sdkDisabled ? OpenTelemetry.noop() : quarkusOpenTelemetry();
    }

    /**
     * The tracer of the kit's spans ({@link Traces}), from the bean above. Quarkus's own asks
     * {@code GlobalOpenTelemetry}, which, unset with tracing off, goes looking for the SDK's
     * autoconfiguration; the scope's name stays Quarkus's.
     */
    @Produces
    @Singleton
    Tracer tracer(OpenTelemetry openTelemetry) {
        return openTelemetry.getTracer(QUARKUS_SCOPE);
    }

    /** The bean this one hides: Quarkus's own, which builds the SDK from {@code quarkus.otel.*}. */
    @SuppressWarnings("unchecked")
    private static OpenTelemetry quarkusOpenTelemetry() {
        for (Bean<?> bean : Arc.container().beanManager().getBeans(OpenTelemetry.class)) {
            if (bean instanceof InjectableBean<?> injectable && injectable.isDefaultBean()) {
                InstanceHandle<OpenTelemetry> sdk = Arc.container().instance((InjectableBean<OpenTelemetry>) injectable);
                return sdk.get();
            }
        }
        throw new IllegalStateException("quarkus-opentelemetry's OpenTelemetry bean is missing");
    }
}
