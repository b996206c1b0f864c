package org.trialfhir.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.Test;

/** The embedded issuer's public key, read once for the bearer-token check. */
class ResourceServerConfigTest {

	@Test
	void theOneSigningKeyOfTheEmbeddedIssuerIsItsPublicKey() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();

		assertThat(ResourceServerConfig.embeddedPublicKey(new ImmutableJWKSet<>(new JWKSet(key))))
				.isEqualTo(key.toRSAPublicKey());
	}

	@Test
	void moreThanOneSigningKeyIsRefusedRatherThanOneChosen() throws Exception {
		RSAKey one = new RSAKeyGenerator(2048).keyID("one").generate();
		RSAKey two = new RSAKeyGenerator(2048).keyID("two").generate();

		assertThatThrownBy(() -> ResourceServerConfig.embeddedPublicKey(new ImmutableJWKSet<>(new JWKSet(
				java.util.List.of(one, two))))).isInstanceOf(IllegalStateException.class).hasMessageContaining("2 RSA");
	}
}
