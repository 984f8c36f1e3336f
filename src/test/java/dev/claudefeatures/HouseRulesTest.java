package dev.claudefeatures;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The house rules of README's architecture section, held by the compiled production classes:
 * data flows one way, resource → calls → policy and messages → telemetry, and the simulator is a
 * plug-in that nothing else depends on.
 */
class HouseRulesTest {

    static final ArchRule theMessagesClientKnowsNothingOfTheProject = noClasses()
            .that().resideInAPackage("dev.claudefeatures.messages..")
            .should().dependOnClassesThat(resideInAPackage("dev.claudefeatures..")
                    .and(not(resideInAPackage("dev.claudefeatures.messages.."))));

    static final ArchRule featuresDoNotImportEachOther = slices()
            .matching("dev.claudefeatures.features.(*)..").should().notDependOnEachOther();

    static final ArchRule featuresSeeAnswersNotWireTypes = noClasses()
            .that().resideInAPackage("dev.claudefeatures.features..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.claudefeatures.messages..",
                    "dev.claudefeatures.policy..", "dev.claudefeatures.telemetry..", "dev.claudefeatures.simulator..");

    static final ArchRule noProductionPackageDependsOnTheSimulator = noClasses()
            .that().resideOutsideOfPackage("dev.claudefeatures.simulator..")
            .should().dependOnClassesThat().resideInAPackage("dev.claudefeatures.simulator..");

    static final ArchRule nothingDependsOnTheCommandsForPeople = noClasses()
            .that().resideOutsideOfPackage("dev.claudefeatures.evaluate..")
            .should().dependOnClassesThat().resideInAPackage("dev.claudefeatures.evaluate..");

    static final ArchRule sharedPackagesDoNotKnowTheFeatures = noClasses()
            .that().resideOutsideOfPackage("dev.claudefeatures.features..")
            .should().dependOnClassesThat().resideInAPackage("dev.claudefeatures.features..");

    static final ArchRule dataFlowsOneWay = noClasses()
            .that().resideInAnyPackage("dev.claudefeatures.policy..", "dev.claudefeatures.telemetry..",
                    "dev.claudefeatures.messages..")
            .should().dependOnClassesThat(resideInAnyPackage("dev.claudefeatures.calls..", "dev.claudefeatures.web.."));

    static final ArchRule theSpendBrakeStandsAlone = noClasses()
            .that().resideInAPackage("dev.claudefeatures.brake..")
            .should().dependOnClassesThat(resideInAPackage("dev.claudefeatures..")
                    .and(not(resideInAPackage("dev.claudefeatures.brake.."))));

    static final ArchRule telemetryDoesNotReachBackIntoPolicyOrCalls = noClasses()
            .that().resideInAPackage("dev.claudefeatures.telemetry..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.claudefeatures.policy..",
                    "dev.claudefeatures.calls..");

    /** A failure may be thrown, caught and rethrown on several threads: what it says never changes. */
    static final ArchRule theClientsFailuresAreImmutable = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields()
            .that().areDeclaredInClassesThat().areAssignableTo("dev.claudefeatures.messages.AnthropicException")
            .should().beFinal();

    /**
     * State lives in CDI beans, which each application (and each test's) has its own of: a static
     * field that can be reassigned is state shared by every application in the JVM, never reset.
     */
    static final ArchRule noStaticFieldIsReassignable = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields()
            .that().areStatic().should().beFinal();

    /** The start-up check and the strict request reader find a feature by this declaration. */
    static final ArchRule everyResourceDeclaresItsFeature = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that().resideInAPackage("dev.claudefeatures.features..").and().areAnnotatedWith(jakarta.ws.rs.Path.class)
            .should().beAnnotatedWith(dev.claudefeatures.calls.Feature.class);

    /** Headers, key, retries, timeouts and redaction live in one place: every call to the API goes through it. */
    static final ArchRule oneTransportToTheApi = noClasses()
            .that().resideOutsideOfPackages("dev.claudefeatures.lambda..", "dev.claudefeatures.simulator..")
            .and().doNotHaveFullyQualifiedName("dev.claudefeatures.messages.AnthropicTransport")
            .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                    "java.net.http..", "org.eclipse.microprofile.rest.client..", "io.quarkus.rest.client..",
                    "org.jboss.resteasy.reactive.client..")
                    .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(java.net.URLConnection.class)))
            .because("the API is reached through messages.AnthropicTransport alone; lambda/ speaks to Lambda's "
                    + "Runtime API, not to Anthropic's");

    @TestFactory
    Iterable<DynamicTest> theProductionClassesKeepEveryRule() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.claudefeatures");
        Map<String, ArchRule> rules = Map.ofEntries(
                Map.entry("the messages client knows nothing of the project", theMessagesClientKnowsNothingOfTheProject),
                Map.entry("features do not import each other", featuresDoNotImportEachOther),
                Map.entry("features see answers, not wire types", featuresSeeAnswersNotWireTypes),
                Map.entry("no production package depends on the simulator", noProductionPackageDependsOnTheSimulator),
                Map.entry("shared packages do not know the features", sharedPackagesDoNotKnowTheFeatures),
                Map.entry("no function depends on evaluate or cache-advice", nothingDependsOnTheCommandsForPeople),
                Map.entry("data flows one way", dataFlowsOneWay),
                Map.entry("telemetry does not reach back into policy or calls", telemetryDoesNotReachBackIntoPolicyOrCalls),
                Map.entry("the spend brake, packaged alone, depends on nothing else of the project", theSpendBrakeStandsAlone),
                Map.entry("the client's failures are immutable", theClientsFailuresAreImmutable),
                Map.entry("every resource declares its feature", everyResourceDeclaresItsFeature),
                Map.entry("one transport to the API", oneTransportToTheApi),
                Map.entry("no static field is reassignable: state lives in beans", noStaticFieldIsReassignable));
        return rules.entrySet().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> rule.getValue().check(production)))
                .toList();
    }

    /** One name, one type: within a package no two types (nested ones included) share a simple name. */
    @org.junit.jupiter.api.Test
    void noTwoTypesOfAPackageShareAName() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.claudefeatures");
        Map<String, java.util.List<String>> byName = new java.util.TreeMap<>();
        production.stream().filter(type -> !type.isAnonymousClass() && !type.getSimpleName().isEmpty()
                && !type.getSimpleName().equals("package-info"))
                .forEach(type -> byName.computeIfAbsent(type.getPackageName() + " " + type.getSimpleName(),
                        name -> new java.util.ArrayList<>()).add(type.getName()));
        org.assertj.core.api.Assertions.assertThat(byName.values().stream().filter(names -> names.size() > 1).toList())
                .as("types of one package with one name").isEmpty();
    }
}
