package org.trialfhir.ingest.pull.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialfhir.ingest.pull.HospitalFixtures;
import org.trialfhir.ingest.pull.PullTesting;
import org.trialfhir.ingest.pull.auth.TestKeys;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.source.EhrAuth;
import org.trialfhir.ingest.pull.source.EhrAuth.AuthType;
import org.trialfhir.ingest.pull.source.EhrSource;

/** Each way of authenticating to a source, against the fake hospital's own checks and token endpoint. */
class SourceAuthTest {

	static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
	static final String MRN_SYSTEM = "http://hospital.example/mrn";

	FakeHospital hospital;
	String patientId;
	List<Fault> retried = new ArrayList<>();

	@BeforeEach
	void start() {
		hospital = FakeHospital.start();
		HospitalFixtures.chart(hospital, MRN_SYSTEM, "mrn-1", T0);
		patientId = hospital.data.observations().get(0).getSubject().getReferenceElement().getIdPart();
	}

	@AfterEach
	void stop() {
		hospital.close();
	}

	@Test
	void basic() {
		hospital.auth.basic("trialfhir", "s3cret-basic");
		assertThat(readAllPages(client(auth(AuthType.BASIC).username("trialfhir").password("s3cret-basic"))))
				.isEqualTo(18);
	}

	@Test
	void staticBearer() {
		hospital.auth.staticBearer("static-token-1");
		assertThat(readAllPages(client(auth(AuthType.BEARER).token("static-token-1")))).isEqualTo(18);
	}

	@Test
	void withoutTheRightCredentialsTheSourceRefusesAndNothingIsRetriedForever() {
		hospital.auth.basic("trialfhir", "s3cret-basic");
		SourceClient wrong = client(auth(AuthType.BASIC).username("trialfhir").password("wrong"));
		assertThatThrownBy(() -> readAllPages(wrong)).isInstanceOf(SourceFailure.class)
				.hasMessageContaining("unauthorized, 2 attempts"); // one retry after dropping the credentials
	}

	@Test
	void clientCredentialsFetchOneTokenSharedByEveryCall() {
		hospital.auth.issuedTokens();
		hospital.tokens.registerSecretClient("trialfhir", "cc-secret");
		SourceClient client = client(auth(AuthType.CLIENT_CREDENTIALS).tokenUrl(hospital.tokenUrl())
				.clientId("trialfhir").clientSecret("cc-secret").scope("system/Observation.rs"));

		assertThat(readAllPages(client)).isEqualTo(18);
		assertThat(readAllPages(client)).isEqualTo(18);

		// two searches of four pages each, one token for all of them
		assertThat(hospital.tokens.issued()).isEqualTo(1);
		assertThat(hospital.auth.callsByToken().values()).containsExactly(8);
	}

	@Test
	void aWrongClientSecretFailsAtOnceWithTheOAuthError() {
		hospital.auth.issuedTokens();
		hospital.tokens.registerSecretClient("trialfhir", "cc-secret");
		SourceClient client = client(auth(AuthType.CLIENT_CREDENTIALS).tokenUrl(hospital.tokenUrl())
				.clientId("trialfhir").clientSecret("not-it"));
		assertThatThrownBy(() -> readAllPages(client)).isInstanceOf(SourceFailure.class)
				.hasMessageContaining("answered 401 invalid_client")
				.hasMessageContaining("fatal, 1 attempt")
				.hasMessageNotContaining("not-it");
	}

	@Test
	void aTokenIsRenewedShortlyBeforeItExpires() {
		hospital.auth.issuedTokens();
		hospital.tokens.registerSecretClient("trialfhir", "cc-secret");
		hospital.tokens.lifetime(Duration.ofSeconds(600));
		MutableClock clock = new MutableClock();
		SourceClient client = client(auth(AuthType.CLIENT_CREDENTIALS).tokenUrl(hospital.tokenUrl())
				.clientId("trialfhir").clientSecret("cc-secret"), clock);

		client.page(firstPage());
		clock.advance(Duration.ofSeconds(539)); // 600 s token, renewed a tenth (60 s) before: still valid at 539 s
		client.page(firstPage());
		assertThat(hospital.tokens.issued()).isEqualTo(1);
		clock.advance(Duration.ofSeconds(1)); // 540 s: renew
		client.page(firstPage());
		assertThat(hospital.tokens.issued()).isEqualTo(2);
	}

	@Test
	void aRevokedTokenIsReplacedOnceTheSourceRefusesIt() {
		hospital.auth.issuedTokens();
		hospital.tokens.registerSecretClient("trialfhir", "cc-secret");
		SourceClient client = client(auth(AuthType.CLIENT_CREDENTIALS).tokenUrl(hospital.tokenUrl())
				.clientId("trialfhir").clientSecret("cc-secret"));
		client.page(firstPage());
		hospital.auth.revokeAll();

		assertThat(readAllPages(client)).isEqualTo(18);
		assertThat(retried).containsExactly(Fault.UNAUTHORIZED);
		assertThat(hospital.tokens.issued()).isEqualTo(2);
	}

	@Test
	void smartBackendWithAnRs384KeyFromAPemFile(@TempDir Path dir) throws Exception {
		KeyPair key = TestKeys.rsa();
		Path pem = Files.writeString(dir.resolve("ehr-client.pem"), TestKeys.pkcs8Pem(key));
		hospital.auth.issuedTokens();
		hospital.tokens.registerKeyClient("trialfhir-backend", key.getPublic(), "RS384");

		SourceClient client = client(auth(AuthType.SMART_BACKEND).tokenUrl(hospital.tokenUrl())
				.clientId("trialfhir-backend").algorithm("RS384").keyId("k1").privateKey("file:" + pem)
				.scope("system/Observation.rs system/Patient.rs"));

		assertThat(readAllPages(client)).isEqualTo(18);
		assertThat(hospital.tokens.issued()).isEqualTo(1);
	}

	@Test
	void smartBackendWithAnInlinePem() {
		KeyPair key = TestKeys.rsa();
		hospital.auth.issuedTokens();
		hospital.tokens.registerKeyClient("trialfhir-backend", key.getPublic(), "RS384");
		SourceClient client = client(auth(AuthType.SMART_BACKEND).tokenUrl(hospital.tokenUrl())
				.clientId("trialfhir-backend").privateKey(TestKeys.pkcs8Pem(key)));
		assertThat(readAllPages(client)).isEqualTo(18);
	}

	@Test
	void smartBackendWithAnEs384KeyFromAPkcs12Keystore(@TempDir Path dir) throws Exception {
		Path keystore = TestKeys.ecKeystore(dir, "store-pass");
		hospital.auth.issuedTokens();
		hospital.tokens.registerKeyClient("trialfhir-backend", TestKeys.publicKeyOf(keystore, "store-pass"), "ES384");

		SourceClient client = client(auth(AuthType.SMART_BACKEND).tokenUrl(hospital.tokenUrl())
				.clientId("trialfhir-backend").algorithm("ES384").keyId("k2").keystore(keystore.toString())
				.keystorePassword("store-pass"));

		assertThat(readAllPages(client)).isEqualTo(18);
		assertThat(hospital.tokens.issued()).isEqualTo(1);
	}

	@Test
	void smartBackendSignedWithAKeyTheHospitalDoesNotKnowIsRefused() {
		hospital.auth.issuedTokens();
		hospital.tokens.registerKeyClient("trialfhir-backend", TestKeys.rsa().getPublic(), "RS384");
		SourceClient client = client(auth(AuthType.SMART_BACKEND).tokenUrl(hospital.tokenUrl())
				.clientId("trialfhir-backend").privateKey(TestKeys.pkcs8Pem(TestKeys.rsa())));
		assertThatThrownBy(() -> readAllPages(client)).hasMessageContaining("invalid_client");
	}

	/** All in-scope pages of the patient; the number of Observations (the hospital filters by date: 18). */
	private int readAllPages(SourceClient client) {
		Bundle page = client.page(firstPage());
		int count = 0;
		while (true) {
			count += page.getEntry().size();
			if (page.getLink(Bundle.LINK_NEXT) == null) {
				return count;
			}
			page = client.page(page.getLink(Bundle.LINK_NEXT).getUrl());
		}
	}

	private String firstPage() {
		return "Observation?patient=" + patientId + "&code=http://loinc.org|8867-4,http://loinc.org|777-3,"
				+ "http://loinc.org|2160-0&date=ge" + T0.minus(Duration.ofHours(24)) + "&_count=5";
	}

	private SourceClient client(AuthBuilder auth) {
		return client(auth, Clock.systemUTC());
	}

	private SourceClient client(AuthBuilder auth, Clock clock) {
		EhrSource source = new EhrSource("unit", URI.create(hospital.baseUrl()), MRN_SYSTEM, auth.build(), null, 5,
				Duration.ofSeconds(5), null, null, PullTesting.FAST_RETRY, null);
		return new SourceClient(source, clock, wait -> {}, (what, fault, attempt, wait, failure) -> retried.add(fault));
	}

	private static AuthBuilder auth(AuthType type) {
		return new AuthBuilder(type);
	}

	/** Fills EhrAuth's many optional fields readably. */
	static final class AuthBuilder {
		private final AuthType type;
		private String username, password, token, clientId, clientSecret, scope, algorithm, keyId, privateKey,
				keystore, keystorePassword;
		private URI tokenUrl;

		AuthBuilder(AuthType type) {
			this.type = type;
		}

		AuthBuilder username(String v) { username = v; return this; }
		AuthBuilder password(String v) { password = v; return this; }
		AuthBuilder token(String v) { token = v; return this; }
		AuthBuilder tokenUrl(URI v) { tokenUrl = v; return this; }
		AuthBuilder clientId(String v) { clientId = v; return this; }
		AuthBuilder clientSecret(String v) { clientSecret = v; return this; }
		AuthBuilder scope(String v) { scope = v; return this; }
		AuthBuilder algorithm(String v) { algorithm = v; return this; }
		AuthBuilder keyId(String v) { keyId = v; return this; }
		AuthBuilder privateKey(String v) { privateKey = v; return this; }
		AuthBuilder keystore(String v) { keystore = v; return this; }
		AuthBuilder keystorePassword(String v) { keystorePassword = v; return this; }

		EhrAuth build() {
			return new EhrAuth(type, username, password, token, tokenUrl, clientId, clientSecret, scope, algorithm,
					keyId, privateKey, keystore, keystorePassword, null);
		}
	}

	/** A clock the test moves by hand. */
	static final class MutableClock extends Clock {
		private Instant now = Instant.now();

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	}
}
