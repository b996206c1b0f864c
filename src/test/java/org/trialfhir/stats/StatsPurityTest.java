package org.trialfhir.stats;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The stats package is pure: the JDK and Commons Statistics only (no Spring, no HAPI). */
class StatsPurityTest {

    @Test
    void dependsOnlyOnTheJdkAndTheNamedMathLibraries() throws Exception {
        // import the compiled main classes directly: scanning the whole class path for the package is slow
        final Path mainClasses = Path.of(RankSum.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final JavaClasses stats = new ClassFileImporter().importPath(mainClasses.resolve("org/trialfhir/stats"));

        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.trialfhir.stats..", "org.apache.commons.statistics..")
                .check(stats);
    }
}
