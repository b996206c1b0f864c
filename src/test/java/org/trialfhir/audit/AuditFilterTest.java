package org.trialfhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletResponse;

class AuditFilterTest {

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = {
		"http://localhost:8080/fhir/Patient/123/_history/1, Patient/123",
		"http://localhost:8080/fhir/Observation/sim-p0001-d01-plt-1/_history/2, Observation/sim-p0001-d01-plt-1",
		"http://localhost:8080/fhir/Patient/123, Patient/123",
		"null, null",
	})
	void createdResourceComesFromTheLocationHeader(String location, String expected) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		if (location != null) {
			response.setHeader("Location", location);
		}
		assertThat(AuditFilter.createdResource(response)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = {
		// an update, also the conditional update of a keyed push, is answered with Content-Location only
		"null, http://localhost:8080/fhir/Observation/1168/_history/1, Observation/1168",
		"http://localhost:8080/fhir/Observation/7/_history/1, http://localhost:8080/fhir/Observation/8/_history/1, Observation/7",
		"null, http://localhost:8080/fhir/Observation?code=x, null",
	})
	void anUpdatesResourceComesFromTheContentLocationHeader(String location, String contentLocation, String expected) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		if (location != null) {
			response.setHeader("Location", location);
		}
		response.setHeader("Content-Location", contentLocation);
		assertThat(AuditFilter.createdResource(response)).isEqualTo(expected);
	}
}
