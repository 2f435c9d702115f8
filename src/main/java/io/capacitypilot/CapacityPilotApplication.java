package io.capacitypilot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CapacityPilotApplication {

	public static void main(String[] args) {
		SpringApplication.run(CapacityPilotApplication.class, args);
	}

}
