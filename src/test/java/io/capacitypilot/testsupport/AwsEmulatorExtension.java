package io.capacitypilot.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides the emulator in {@code beforeAll}, which JUnit runs before the Spring extension loads a
 * context: an assumption thrown later, inside {@code @DynamicPropertySource}, would be an error.
 */
class AwsEmulatorExtension implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		AwsEmulator.get().reset();
	}

}
