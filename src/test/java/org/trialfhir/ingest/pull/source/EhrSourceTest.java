package org.trialfhir.ingest.pull.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** A source's configuration as printed. */
class EhrSourceTest {

	@Test
	void authSecretsAreMaskedWhenPrinted() {
		EhrAuth auth = new EhrAuth(EhrAuth.AuthType.CLIENT_CREDENTIALS, "user", "pw-123", "tok-456",
				URI.create("https://ehr.example/token"), "client", "secret-789", "scope", null, null,
				"-----BEGIN PRIVATE KEY-----abc", null, "store-000", null);
		EhrSource source = new EhrSource("a", URI.create("https://ehr.example/fhir"), "urn:mrn", auth, null, null, null,
				null, null, null, null);
		assertThat(source.toString()).contains("[masked]")
				.doesNotContain("pw-123", "tok-456", "secret-789", "BEGIN PRIVATE KEY", "store-000");
	}
}
