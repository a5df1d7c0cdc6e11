package io.sendports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of STYLE.md, checked by the build: the domain is plain Java, no two packages depend on each
 * other, directly or around a loop, and only {@code transport/} names a concrete transport (DESIGN.md §6: adding
 * one touches its package and the registry line, nothing else).
 */
@AnalyzeClasses(packages = "io.sendports", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule THE_DOMAIN_USES_ONLY_JAVA = noClasses().that().resideInAPackage("io.sendports.domain..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.sendports.domain..")
            .because("the domain stays free of Camel, Kafka and Quarkus (STYLE.md)");

    @ArchTest
    static final ArchRule ONLY_TRANSPORT_NAMES_A_TRANSPORT = noClasses().that()
            .resideOutsideOfPackage("io.sendports.transport..")
            .should().dependOnClassesThat().resideInAPackage("io.sendports.transport.*..")
            .because("code outside transport/ sees destinations as domain.Destination and asks the TransportRegistry");

    @ArchTest
    static final ArchRule PACKAGES_FORM_NO_CYCLE = slices().matching("io.sendports.(*)..").should().beFreeOfCycles();
}
