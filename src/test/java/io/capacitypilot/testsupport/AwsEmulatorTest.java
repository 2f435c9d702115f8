package io.capacitypilot.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the {@link AwsEmulator}: started (or found) before the class and before
 * any Spring context, reset so the class starts from an empty account, and the class skipped when no
 * emulator can be had.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(AwsEmulatorExtension.class)
public @interface AwsEmulatorTest {

}
