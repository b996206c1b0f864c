package org.trialfhir.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.security.Grants;

/** The kick-off's checks, without a server: what is refused, and where the refusal points. */
class ImportRequestTest {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final ImportProperties ALLOWING = new ImportProperties(List.of("Files.Example.org"), 0, 0, null, null);
	static final Grants ADMIN = Grants.of(List.of("system/*.cruds"));

	static ImportRequest kickOff(String contentType, String body, ImportProperties properties, Grants grants) {
		return ImportRequest.from(contentType, body.getBytes(StandardCharsets.UTF_8), properties, grants, FHIR);
	}

	static String parameters(String type, String url) {
		return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"inputFormat\",\"valueCode\":"
				+ "\"application/fhir+ndjson\"},{\"name\":\"input\",\"part\":[{\"name\":\"type\",\"valueCode\":\"" + type
				+ "\"},{\"name\":\"url\",\"valueUri\":\"" + url + "\"}]}]}";
	}

	@Test
	void inlineNdjsonKeepsEachLinesNumberAndSkipsBlankLines() {
		ImportRequest request = kickOff("application/fhir+ndjson; charset=utf-8",
				"{\"resourceType\":\"Observation\"}\n\n{\"resourceType\":\"Patient\"}\r\n", ALLOWING, ADMIN);
		assertThat(request.lines()).extracting(NdjsonLine::number, NdjsonLine::type)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "Observation"),
						org.assertj.core.groups.Tuple.tuple(3, "Patient"));
		assertThat(NdjsonLine.inLoadOrder(request.lines())).extracting(NdjsonLine::number).containsExactly(3, 1);
	}

	@Test
	void theScheduleOfActivitiesLoadsBeforeTheStudyThatNamesIt() {
		List<NdjsonLine> lines = NdjsonLine.split("{\"resourceType\":\"ResearchSubject\"}\n{\"resourceType\":\"ResearchStudy\"}\n"
				+ "{\"resourceType\":\"PlanDefinition\"}\n{\"resourceType\":\"Organization\"}\n");
		assertThat(NdjsonLine.inLoadOrder(lines)).extracting(NdjsonLine::type).containsExactly("Organization",
				"PlanDefinition", "ResearchStudy", "ResearchSubject");
	}

	@Test
	void aUrlIsAcceptedOnlyFromAnAllowedHostOverHttp() {
		assertThat(kickOff("application/fhir+json", parameters("Patient", "https://files.example.org/p.ndjson"),
				ALLOWING, ADMIN).urls()).extracting(UrlInput::type).containsExactly("Patient");
		for (String url : List.of("https://other.example.org/p.ndjson", "https://files.example.org.evil.test/p",
				"ftp://files.example.org/p.ndjson", "file:///etc/passwd", "https://user@127.0.0.1/p")) {
			assertThatThrownBy(() -> kickOff("application/fhir+json", parameters("Patient", url), ALLOWING, ADMIN))
					.as(url).isInstanceOf(TrialFhirException.class)
					.hasFieldOrPropertyWithValue("location", "Parameters.parameter[1].part.where(name = 'url')");
		}
		ImportProperties none = new ImportProperties(null, 0, 0, Duration.ofSeconds(1), null);
		assertThatThrownBy(() -> kickOff("application/fhir+json", parameters("Patient",
				"https://files.example.org/p.ndjson"), none, ADMIN)).hasMessageContaining("allow-list");
	}

	@Test
	void aTypeTheTokenMayNotWriteIsForbidden() {
		assertThatThrownBy(() -> kickOff("application/fhir+json", parameters("AuditEvent",
				"https://files.example.org/a.ndjson"), ALLOWING, ADMIN)).isInstanceOf(ForbiddenOperationException.class);
		Grants ehr = Grants.of(List.of("system/Observation.cu", "system/Patient.r"));
		assertThatThrownBy(() -> kickOff("application/fhir+json", parameters("Patient",
				"https://files.example.org/p.ndjson"), ALLOWING, ehr)).isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void badKickOffsAreRefusedNamingWhat() {
		assertThatThrownBy(() -> kickOff("application/fhir+ndjson", "", ALLOWING, ADMIN)).hasMessageContaining("needs a body");
		assertThatThrownBy(() -> kickOff("application/fhir+ndjson", " \n\n", ALLOWING, ADMIN)).hasMessageContaining("no line");
		assertThatThrownBy(() -> kickOff("text/csv", "a,b", ALLOWING, ADMIN)).isInstanceOf(TrialFhirException.class)
				.hasFieldOrPropertyWithValue("kind", TrialFhirException.Kind.UNSUPPORTED_MEDIA_TYPE);
		assertThatThrownBy(() -> kickOff("application/fhir+json", "{\"resourceType\":\"Patient\"}", ALLOWING, ADMIN))
				.hasMessageContaining("Parameters");
		assertThatThrownBy(() -> kickOff("application/fhir+json",
				"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"since\",\"valueString\":\"x\"}]}", ALLOWING,
				ADMIN)).hasFieldOrPropertyWithValue("location", "Parameters.parameter[0].name");
		assertThatThrownBy(() -> kickOff("application/fhir+json", parameters("Patient",
				"https://files.example.org/p.ndjson").replace("application/fhir+ndjson", "text/csv"), ALLOWING, ADMIN))
				.hasFieldOrPropertyWithValue("location", "Parameters.parameter[0].value");
		assertThatThrownBy(() -> kickOff("application/fhir+json", parameters("Patient",
				"https://files.example.org/p.ndjson").replace("\"valueCode\":\"application/fhir+ndjson\"",
						"\"valueCode\":\"application/fhir+ndjson\",\"valueCode\":\"text/csv\""),
				ALLOWING, ADMIN)).hasMessageContaining("twice");
	}

	@Test
	void theSameClientAndBodyGiveTheSameHash() {
		ImportRequest one = kickOff("application/fhir+ndjson", "{\"resourceType\":\"Patient\"}", ALLOWING, ADMIN);
		ImportRequest two = kickOff("application/fhir+ndjson", "{\"resourceType\":\"Patient\"}", ALLOWING, ADMIN);
		assertThat(one.hash("a")).isEqualTo(two.hash("a")).isNotEqualTo(one.hash("b"));
	}
}
