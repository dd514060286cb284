package dev.dorisccr.core.ddl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.dorisccr.core.ddl.render.Sql;
import org.junit.jupiter.api.Test;

/** SQL text is made only by the DDL renderers and rewriters; everything else passes Sql values. */
class DdlBoundaryTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dorisccr.core");

    @Test
    void onlyDdlPackagesWrapTextIntoSql() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.dorisccr.core.ddl..")
                .should()
                .callMethod(Sql.class, "of", String.class)
                .allowEmptyShould(true)
                .check(CORE);
    }

    @Test
    void theLexerDoesNotKnowAboutRewriting() {
        noClasses()
                .that()
                .resideInAPackage("dev.dorisccr.core.ddl.lex..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.dorisccr.core.ddl.rewrite..", "dev.dorisccr.core.ddl.render..")
                .check(CORE);
    }
}
