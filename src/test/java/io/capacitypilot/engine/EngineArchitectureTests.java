package io.capacitypilot.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine is a pure function: brief §3 and docs/architecture.md. */
@AnalyzeClasses(packages = "io.capacitypilot.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTests {

	@ArchTest
	static final ArchRule dependsOnlyOnTheJdkAndItself = classes().that()
		.resideInAPackage("io.capacitypilot.engine..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "io.capacitypilot.engine..")
		.because("the engine must stay free of Spring, AWS and every adapter");

	@ArchTest
	static final ArchRule performsNoIo = noClasses().that()
		.resideInAPackage("io.capacitypilot.engine..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..")
		.because("the engine performs no I/O: its callers fetch and store");

	@ArchTest
	static final ArchRule neverReadsTheClock = noClasses().that()
		.resideInAPackage("io.capacitypilot.engine..")
		.should()
		.callMethod(Instant.class, "now")
		.orShould()
		.callMethod(LocalDateTime.class, "now")
		.orShould()
		.callMethod(ZonedDateTime.class, "now")
		.orShould()
		.callMethod(System.class, "currentTimeMillis")
		.orShould()
		.dependOnClassesThat()
		.areAssignableTo(Clock.class)
		.because("time is always passed in, so that every decision can be replayed");

}
