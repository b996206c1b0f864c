package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.profiles.Observations.lab;
import static org.trialfhir.profiles.SharedValidator.VALIDATOR;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.utilities.OIDUtilities;
import org.junit.jupiter.api.Test;

/**
 * The validator's class loader finds our header-only {@code oidregistry.csv} before the 1.5 MB registry in
 * org.hl7.fhir.utilities, which every InstanceValidator (one per validation) would otherwise parse again.
 */
class OidRegistryTest {

	@Test
	void theValidatorsClassLoaderFindsTheHeaderOnlyRegistryFirst() throws IOException {
		URL registry = OIDUtilities.class.getClassLoader().getResource("oidregistry.csv");

		assertThat(registry.getProtocol()).isEqualTo("file");
		try (InputStream in = registry.openStream()) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
					.isEqualTo("Comp_OID,Oid_Type,Symbolic_name,CodingSystemName\n");
		}
		assertThat(new OIDUtilities().isKnownOID("2.16.840.1.113883.6.1")).isFalse();
	}

	@Test
	void urnOidSystemsAreStillAcceptedWithoutTheRegistry() {
		Observation platelets = lab("777-3", 84, "10*9/L");
		platelets.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.6.1").setValue("registered OID");
		platelets.addIdentifier().setSystem("urn:oid:1.2.392.200119.6.102").setValue("hospital OID");
		platelets.getMeta().setSource("urn:oid:1.2.392.200119.6.102");

		assertThat(VALIDATOR.validate(platelets).errors()).isEmpty();
		assertThat(VALIDATOR.validateEnrolledObservation(platelets).errors()).isEmpty();
	}
}
