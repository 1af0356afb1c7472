package org.loomcsp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.loomcsp.internal.archcanary.UsesTheApi;

/**
 * The runtime under {@code org.loomcsp.internal} stands below the API: it never refers to a type
 * of {@code org.loomcsp} or of the API subpackages (builtins, patterns, trace), so the API can
 * change without touching the engine and the engine has no way round its own layering (ADR
 * 0080). Checked on the compiled class files, so every kind of dependency counts: imports, field
 * and parameter types, calls, casts, thrown and caught exceptions, annotations.
 */
class InternalLayeringTest {

    private static final ArchRule INTERNALS_DO_NOT_USE_THE_API = noClasses()
            .that().resideInAPackage("org.loomcsp.internal..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.loomcsp", "org.loomcsp.builtins..", "org.loomcsp.patterns..",
                    "org.loomcsp.trace..")
            .because("internal machinery stands below the API (ADR 0080)");

    @Test
    void noInternalClassDependsOnTheApi() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.loomcsp");
        // The check is not vacuous: the engine's classes were read.
        assertThat(main.contain("org.loomcsp.internal.channel.ChannelCore")).isTrue();
        assertThat(main.contain("org.loomcsp.internal.trace.ProcessEntry")).isTrue();
        INTERNALS_DO_NOT_USE_THE_API.check(main);
    }

    /** Canary: the same rule fails on an internal class that does use the API. */
    @Test
    void theRuleFailsOnAnInternalClassThatUsesTheApi() {
        JavaClasses canary = new ClassFileImporter().importClasses(UsesTheApi.class, Channel.class);
        EvaluationResult r = INTERNALS_DO_NOT_USE_THE_API.evaluate(canary);
        assertThat(r.hasViolation()).isTrue();
        assertThat(r.getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains(UsesTheApi.class.getName())
                        .contains(Channel.class.getName()));
    }
}
