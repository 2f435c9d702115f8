package io.capacitypilot.testsupport;

import io.capacitypilot.CapacityPilotApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The application as a test starts it by hand (to restart it, or to run it from a benchmark's main):
 * with the production beans only. Component scanning would otherwise also pick up the
 * {@code @TestConfiguration} classes of other tests on the test class path, such as their fixed
 * clocks, which {@code @SpringBootTest} leaves out but a plain {@link SpringApplicationBuilder} does
 * not.
 */
public final class TestApplication {

	private TestApplication() {
	}

	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(CapacityPilotApplication.class).initializers((context) -> context
			.getBeanFactory()
			.registerSingleton(ProductionBeansOnly.class.getName(), new ProductionBeansOnly()));
	}

	/** Boot's component scan consults every {@link TypeExcludeFilter} bean. */
	private static final class ProductionBeansOnly extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
			return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
		}

		@Override
		public boolean equals(Object other) {
			return other != null && getClass() == other.getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

}
