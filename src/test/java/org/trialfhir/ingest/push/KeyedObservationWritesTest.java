package org.trialfhir.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/**
 * A keyed POST is turned into a conditional update from the Observation the strict parse of the request's body made
 * (server.StrictRequestBodies, the first hook of the same pointcut): the body is not parsed a second time.
 */
class KeyedObservationWritesTest {

	private final KeyedObservationWrites keyed = new KeyedObservationWrites();

	@Test
	void aPlainCreateIsKeyedFromTheParsedObservationWithoutReadingTheBodyAgain() {
		// no body and no Content-Type: only the parsed resource says what was sent
		SystemRequestDetails request = create(
				new Observation().addIdentifier(new Identifier().setSystem("urn:oid:1.2.3").setValue("obs-17")));

		keyed.keyObservationWrite(request);

		assertThat(request.getRequestType()).isEqualTo(RequestTypeEnum.PUT);
		assertThat(request.getFixedConditionalUrl()).isEqualTo("Observation?identifier=urn%3Aoid%3A1.2.3|obs-17");
		assertThat(request.getUserData()).containsKey(KeyedSubjectGuard.KEYED_WRITE);
		assertThat(request.isRetry()).isTrue();
	}

	@Test
	void aCreateWithoutKeyOrWithTheClientsOwnIdOrWithoutParsedBodyStaysACreate() {
		SystemRequestDetails withoutKey = create(new Observation()
				.addIdentifier(new Identifier().setValue("no system")));
		SystemRequestDetails withClientId = create((Observation) new Observation().addIdentifier(
				new Identifier().setSystem("http://hospital.example/obs").setValue("1"))
				.setId("chosen-by-client"));
		SystemRequestDetails withoutBody = create(null);

		for (SystemRequestDetails request : new SystemRequestDetails[] {withoutKey, withClientId, withoutBody}) {
			keyed.keyObservationWrite(request);
			assertThat(request.getRequestType()).isEqualTo(RequestTypeEnum.POST);
			assertThat(request.getUserData()).doesNotContainKey(KeyedSubjectGuard.KEYED_WRITE);
		}
	}

	private static SystemRequestDetails create(Observation parsed) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setRequestType(RequestTypeEnum.POST);
		request.setResourceName("Observation");
		request.setResource(parsed);
		return request;
	}
}
