package org.trialfhir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Boots the TrialFHIR server. */
@SpringBootApplication(
		exclude = {
			ElasticsearchRestClientAutoConfiguration.class,
			ElasticsearchClientAutoConfiguration.class,
			QuartzAutoConfiguration.class,
			FlywayAutoConfiguration.class // HAPI brings Flyway for its own migrator; the schema is HAPI's
		})
@ConfigurationPropertiesScan
public class TrialFhirApplication {

	public static void main(String[] args) {
		SpringApplication.run(TrialFhirApplication.class, args);
	}
}
