package dev.claudefeatures.web;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import io.quarkus.arc.Arc;

/**
 * The HTTP methods each resource path takes, read once from the resources' annotations: the
 * REST layer's 405 does not say which methods a path allows, and RFC 9110 wants {@code Allow}.
 */
@Singleton
public class AllowedMethods {

    private final Map<String, Set<String>> byPath = new TreeMap<>();

    public AllowedMethods() {
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path path = bean.getBeanClass().getAnnotation(Path.class);
            if (path == null) {
                continue;
            }
            Set<String> methods = byPath.computeIfAbsent(normalized(path.value()), p -> new TreeSet<>());
            for (Method method : bean.getBeanClass().getMethods()) {
                for (var annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null && !method.isAnnotationPresent(Path.class)) {
                        methods.add(http.value());
                    }
                }
            }
        }
    }

    /** The methods {@code path} takes; empty for a path no resource serves. */
    public Set<String> of(String path) {
        return byPath.getOrDefault(normalized(path), Set.of());
    }

    private static String normalized(String path) {
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }
}
