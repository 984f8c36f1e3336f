package dev.claudefeatures.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import dev.claudefeatures.policy.Policies;
import io.quarkus.runtime.StartupEvent;

/**
 * At start-up, every resource's {@link Feature} must be a configured feature: a misspelt or
 * unconfigured name stops the application with that name, not the first request with a 500. And
 * a bean that injects {@link FeatureCalls} must declare its feature, since that is whose calls it
 * gets. Resources are beans in Quarkus REST, so the bean manager lists them all.
 */
class DeclaredFeatures {

    void check(@Observes StartupEvent start, BeanManager beans, Policies policies) {
        Set<Bean<?>> all = beans.getBeans(Object.class, Any.Literal.INSTANCE);
        List<String> unconfigured = unconfigured(all.stream()
                .map(Bean::getBeanClass).map(type -> type.getAnnotation(Feature.class)).filter(Objects::nonNull)
                .map(Feature::value).toList(), policies);
        List<String> undeclared = all.stream().filter(bean -> bean.getInjectionPoints().stream()
                        .anyMatch(point -> point.getType() == FeatureCalls.class))
                .map(Bean::getBeanClass).filter(type -> !type.isAnnotationPresent(Feature.class))
                .map(Class::getName).sorted().toList();
        List<String> problems = new ArrayList<>();
        if (!unconfigured.isEmpty()) {
            problems.add("Resources declare features that are not configured (features.<name>.*): "
                    + String.join(", ", unconfigured));
        }
        if (!undeclared.isEmpty()) {
            problems.add("Beans inject FeatureCalls without declaring whose (@Feature): " + String.join(", ", undeclared));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }

    static List<String> unconfigured(List<String> declared, Policies policies) {
        return declared.stream().filter(name -> !policies.configures(name)).distinct().sorted().toList();
    }
}
