package dev.claudefeatures.calls;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The feature a resource serves, by its name under {@code features.*}. Start-up fails, naming it,
 * when no such feature is configured ({@link DeclaredFeatures}); the request records declared in
 * the resource are read strictly ({@code web/TextRequestReader}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Feature {

    /** The feature's name, as configured: {@code features.<name>.*}. */
    String value();
}
