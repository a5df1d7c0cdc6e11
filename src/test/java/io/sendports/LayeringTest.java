package io.sendports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of STYLE.md, checked by the build: the domain is plain Java, and no two packages depend on
 * each other, directly or around a loop. (The rule that only {@code transport/} names a concrete transport
 * waits for the transport packages of issue 11.)
 */
@AnalyzeClasses(packages = "io.sendports", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule THE_DOMAIN_USES_ONLY_JAVA = noClasses().that().resideInAPackage("io.sendports.domain..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.sendports.domain..")
            .because("the domain stays free of Camel, Kafka and Quarkus (STYLE.md)");

    @ArchTest
    static final ArchRule PACKAGES_FORM_NO_CYCLE = slices().matching("io.sendports.(*)..").should().beFreeOfCycles();
}
