package dev.claudefeatures.calls;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import dev.claudefeatures.policy.Policies;
import io.quarkus.runtime.StartupEvent;

/**
 * At start-up, every resource's {@link Feature} must be a configured feature: a misspelt or
 * unconfigured name stops the application with that name, not the first request with a 500.
 * Resources are beans in Quarkus REST, so the bean manager lists them all.
 */
class DeclaredFeatures {

    void check(@Observes StartupEvent start, BeanManager beans, Policies policies) {
        List<String> unconfigured = unconfigured(beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(Bean::getBeanClass).map(type -> type.getAnnotation(Feature.class)).filter(Objects::nonNull)
                .map(Feature::value).toList(), policies);
        if (!unconfigured.isEmpty()) {
            throw new IllegalStateException("Resources declare features that are not configured (features.<name>.*): "
                    + String.join(", ", unconfigured));
        }
    }

    static List<String> unconfigured(List<String> declared, Policies policies) {
        return declared.stream().filter(name -> !policies.configures(name)).distinct().sorted().toList();
    }
}
