package org.jingzhun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The interfaces that are a module's public face have no default methods. A default "shorter form" calls the longer
 * one on the implementation itself, past its transactional proxy: staff objections, status changes and applications
 * made through such a form ran outside any transaction and failed on the audit trail's mandatory one. The
 * implementation declares every form, each in its transaction.
 */
class ModuleFacesTest {

    @Test
    void theInterfacesOfTheModulesFacesHaveNoDefaultMethods() {
        List<String> defaults = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.jingzhun").stream()
                .filter(JavaClass::isInterface)
                .filter(type -> type.getPackageName().matches("org\\.jingzhun\\.[a-z]+"))
                .flatMap(type -> type.getMethods().stream())
                .filter(method -> !method.getModifiers().contains(JavaModifier.ABSTRACT)
                        && !method.getModifiers().contains(JavaModifier.STATIC) && !method.getModifiers().contains(JavaModifier.SYNTHETIC))
                .map(method -> method.getFullName())
                .toList();
        assertThat(defaults).as("default methods of the modules' faces").isEmpty();
    }
}
