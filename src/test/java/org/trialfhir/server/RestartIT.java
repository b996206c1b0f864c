package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.trialfhir.TrialFhirApplication;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFixtures;

/** Data written before a stop is there after a start on the same data directory. */
class RestartIT {

	@Test
	void resourcesSurviveARestartOnTheSameDataDirectory() throws Exception {
		Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-pg");
		String patientId;
		try (ConfigurableApplicationContext first = start(dataDir)) {
			patientId = FhirTestClient.fhir(port(first))
					.create().resource(TrialFixtures.patient("restart-1", LocalDate.of(1944, 4, 4))).execute()
					.getId().getIdPart();
		}
		assertThat(dataDir.resolve("postmaster.pid")).as("embedded PostgreSQL stopped with the server").doesNotExist();
		try (ConfigurableApplicationContext second = start(dataDir)) {
			Patient patient = FhirTestClient.fhir(port(second)).read().resource(Patient.class).withId(patientId).execute();
			assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo("restart-1");
		}
	}

	static ConfigurableApplicationContext start(Path dataDir) {
		return new SpringApplicationBuilder(TrialFhirApplication.class)
				.profiles("test")
				.run("--server.port=0", "--trialfhir.embedded-postgres.data-dir=" + dataDir.toAbsolutePath());
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}
}
