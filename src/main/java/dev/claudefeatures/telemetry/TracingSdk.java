package dev.claudefeatures.telemetry;

import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.arc.Unremovable;

/**
 * The application's {@link OpenTelemetry}, decided once at start-up: the SDK exactly as
 * {@code quarkus-opentelemetry} builds it (exporter, sampler, propagators, span processors) when the
 * package carries the extension ({@code ./mvnw package -Ptraced}) and {@code quarkus.otel.sdk.disabled}
 * is false; otherwise the API's no-op, so that no SDK is built nor loaded. The default package
 * carries neither the extension nor its settings: the extension alone, SDK off, loads about 200
 * classes and added 0.4 to 1 s to an unprimed init (docs/PERFORMANCE.md, "Traces off").
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

    private static final Logger LOG = Logger.getLogger(TracingSdk.class);

    /** The instrumentation scope of Quarkus's {@code TracerProducer}, kept for the kit's spans. */
    static final String QUARKUS_SCOPE = "io.quarkus.opentelemetry";

    // Unremovable: Quarkus looks it up by type, which is no injection point to keep it by.
    @Produces
    @Singleton
    @Unremovable
    OpenTelemetry openTelemetry(
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "true") boolean sdkDisabled) {
        OpenTelemetry quarkus = sdkDisabled ? null : quarkusOpenTelemetry();
        if (quarkus != null) {
            return quarkus;
        }
        if ("false".equals(System.getenv("OTEL_SDK_DISABLED"))) {
            LOG.warn("OTEL_SDK_DISABLED=false, but this package was built without tracing: nothing is traced. "
                    + "Build it with ./mvnw package -Ptraced (docs/OBSERVABILITY.md, \"Traces (OpenTelemetry)\")");
        }
        return OpenTelemetry.noop();
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

    /**
     * The bean this one hides: Quarkus's own, which builds the SDK from {@code quarkus.otel.*};
     * null in a package built without the extension.
     */
    @SuppressWarnings("unchecked")
    private static OpenTelemetry quarkusOpenTelemetry() {
        for (Bean<?> bean : Arc.container().beanManager().getBeans(OpenTelemetry.class)) {
            if (bean instanceof InjectableBean<?> injectable && injectable.isDefaultBean()) {
                InstanceHandle<OpenTelemetry> sdk = Arc.container().instance((InjectableBean<OpenTelemetry>) injectable);
                return sdk.get();
            }
        }
        return null;
    }
}
