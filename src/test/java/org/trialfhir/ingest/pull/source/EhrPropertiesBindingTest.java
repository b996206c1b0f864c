package org.trialfhir.ingest.pull.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The configuration keys of docs/ingestion.md bind as written, in YAML form and as environment variables. */
class EhrPropertiesBindingTest {

	@Test
	void yamlKeysBindToTheSourceRecords() {
		Map<String, String> yaml = Map.ofEntries(
				Map.entry("trialfhir.ehr.sources[0].name", "hospital-a"),
				Map.entry("trialfhir.ehr.sources[0].base-url", "https://ehr-a.example/fhir"),
				Map.entry("trialfhir.ehr.sources[0].patient-identifier-system", "urn:oid:1.2.392.100495.20.3.51"),
				Map.entry("trialfhir.ehr.sources[0].auth.type", "smart-backend"),
				Map.entry("trialfhir.ehr.sources[0].auth.token-url", "https://ehr-a.example/token"),
				Map.entry("trialfhir.ehr.sources[0].auth.client-id", "trialfhir"),
				Map.entry("trialfhir.ehr.sources[0].auth.algorithm", "ES384"),
				Map.entry("trialfhir.ehr.sources[0].auth.keystore", "file:/etc/trialfhir/ehr-a.p12"),
				Map.entry("trialfhir.ehr.sources[0].schedule", "0 */15 * * * *"),
				Map.entry("trialfhir.ehr.sources[0].page-size", "100"),
				Map.entry("trialfhir.ehr.sources[0].timeout", "20s"),
				Map.entry("trialfhir.ehr.sources[0].mode", "bulk-export"),
				Map.entry("trialfhir.ehr.sources[0].bulk.level", "group"),
				Map.entry("trialfhir.ehr.sources[0].bulk.group-id", "icu-trial"),
				Map.entry("trialfhir.ehr.sources[0].retry.max-attempts", "3"),
				Map.entry("trialfhir.ehr.sources[1].name", "hospital-b"),
				Map.entry("trialfhir.ehr.sources[1].base-url", "https://ehr-b.example/fhir/"),
				Map.entry("trialfhir.ehr.sources[1].patient-identifier-system", "http://hospital-b.example/mrn"),
				Map.entry("trialfhir.ehr.sources[1].auth.type", "client-credentials"));

		EhrProperties bound = new Binder(new MapConfigurationPropertySource(yaml))
				.bind("trialfhir.ehr", EhrProperties.class).get();

		EhrSource a = bound.sources().get(0);
		assertThat(a.baseUrl()).isEqualTo(URI.create("https://ehr-a.example/fhir"));
		assertThat(a.auth().type()).isEqualTo(EhrAuth.AuthType.SMART_BACKEND);
		assertThat(a.auth().algorithm()).isEqualTo("ES384");
		assertThat(a.mode()).isEqualTo(EhrSource.FetchMode.BULK_EXPORT);
		assertThat(a.bulk().level()).isEqualTo(EhrSource.BulkExport.Level.GROUP);
		assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(20));
		assertThat(a.pageSize()).isEqualTo(100);
		assertThat(a.retry().maxAttempts()).isEqualTo(3);
		assertThat(a.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500)); // default
		EhrSource b = bound.sources().get(1);
		assertThat(b.base()).isEqualTo("https://ehr-b.example/fhir"); // trailing slash dropped
		assertThat(b.observationIdentifierSystem()).isEqualTo("https://ehr-b.example/fhir/Observation");
		assertThat(b.auth().type()).isEqualTo(EhrAuth.AuthType.CLIENT_CREDENTIALS);
		assertThat(b.mode()).isEqualTo(EhrSource.FetchMode.SEARCH); // defaults
		assertThat(b.pageSize()).isEqualTo(200);
		assertThat(b.timeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(b.schedule()).isNull();
	}

	@Test
	void environmentVariablesBindByRelaxedNames() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
						"TRIALFHIR_EHR_SOURCES_0_NAME", "hospital-a",
						"TRIALFHIR_EHR_SOURCES_0_BASE_URL", "https://ehr-a.example/fhir",
						"TRIALFHIR_EHR_SOURCES_0_PATIENT_IDENTIFIER_SYSTEM", "http://hospital-a.example/mrn",
						"TRIALFHIR_EHR_SOURCES_0_AUTH_TYPE", "client-credentials",
						"TRIALFHIR_EHR_SOURCES_0_AUTH_CLIENT_SECRET", "from-the-environment")));

		EhrProperties bound = new Binder(ConfigurationPropertySources.get(environment))
				.bind("trialfhir.ehr", EhrProperties.class).get();

		assertThat(bound.sources()).extracting(EhrSource::name).isEqualTo(List.of("hospital-a"));
		assertThat(bound.sources().get(0).auth().clientSecret()).isEqualTo("from-the-environment");
	}
}
