package org.trialfhir.hapisql;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * {@link ServerContents#holdsResourcesOtherThan} answers what HAPI's history of each resource type answers (a type
 * holds resources, deleted or not, when its history is not empty): nothing beyond the types that hold resources,
 * something beyond all of them but one.
 */
@TrialFhirServerTest
class ServerContentsIT {

	@Autowired
	ServerContents contents;

	@Autowired
	DaoRegistry daos;

	@Test
	void holdsResourcesOtherThanIsHapisHistoryOfEachType() {
		Set<String> held = new TreeSet<>();
		for (String type : daos.getRegisteredDaoTypes()) {
			if (!daos.getResourceDao(type).history(null, null, null, new SystemRequestDetails()).getResources(0, 1)
					.isEmpty()) {
				held.add(type);
			}
		}
		// this server always holds its conformance resources (profiles/) and the trial's test data
		assertThat(held).contains("StructureDefinition", "Patient");

		assertThat(contents.holdsResourcesOtherThan(held)).isFalse();
		for (String type : held) {
			Set<String> allBut = new HashSet<>(held);
			allBut.remove(type);
			assertThat(contents.holdsResourcesOtherThan(allBut)).as("all but " + type).isTrue();
		}
	}
}
