package io.capacitypilot.groups;

import tools.jackson.databind.JacksonModule;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GroupsConfiguration {

	/** Boot adds it to the application's mapper: the API speaks the JSON form that is stored. */
	@Bean
	JacksonModule policyJsonModule() {
		return PolicyJson.module();
	}

}
