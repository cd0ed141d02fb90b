package io.faltung;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering true as the code grows: only tensor, autograd, ops and runtime talk to the
 * SPI's execution types; everything above is written against {@code Tensor}.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.faltung");

    @Test
    void layersAboveTheTensorNeverTouchABackend() {
        noClasses().that().resideInAnyPackage("io.faltung.nn..", "io.faltung.loss..", "io.faltung.optim..", "io.faltung.train..",
                        "io.faltung.data..", "io.faltung.dsp..",
                        "io.faltung.io..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.faltung.spi.Backend")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.faltung.spi.Buffer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.faltung.spi.View")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.faltung.spi.Operand")
                .because("layers, losses, optimisers, training, data and DSP are backend-agnostic (ARCHITECTURE 1.5)")
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void onlyOpsDefineBackwardRules() {
        noClasses().that().resideOutsideOfPackages("io.faltung.ops..", "io.faltung.autograd..", "io.faltung.tensor..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.faltung.autograd.GradFn")
                .orShould().callMethod("io.faltung.autograd.Autograd", "record", "io.faltung.tensor.Tensor",
                        String.class.getName(), "io.faltung.autograd.GradFn$Rule", "io.faltung.tensor.Tensor[]")
                .orShould().callMethod("io.faltung.autograd.Autograd", "recordJoint", "io.faltung.tensor.Tensor[]",
                        String.class.getName(), "io.faltung.autograd.GradFn$JointRule", "io.faltung.tensor.Tensor[]")
                .because("only primitives have hand-written backward; composites are differentiated by composition")
                .allowEmptyShould(true)
                .check(MAIN);
    }
}
