package org.trialfhir;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.trialfhir.simulator.SimulateCommand;

/** Boots the TrialFHIR server. */
@SpringBootApplication(
		exclude = {
			ElasticsearchRestClientAutoConfiguration.class,
			ElasticsearchClientAutoConfiguration.class,
			QuartzAutoConfiguration.class,
			FlywayAutoConfiguration.class, // HAPI brings Flyway for its own migrator; the schema is HAPI's
			// security is wired explicitly in org.trialfhir.security
			OAuth2AuthorizationServerAutoConfiguration.class,
			OAuth2AuthorizationServerJwtAutoConfiguration.class,
			UserDetailsServiceAutoConfiguration.class
		})
@ConfigurationPropertiesScan
public class TrialFhirApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("simulate")) {
			// java -jar trialfhir.jar simulate --subjects 42 --out dir/ : writes a synthetic trial, starts no server
			System.exit(SimulateCommand.run(Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(TrialFhirApplication.class, args);
	}
}
