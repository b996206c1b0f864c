package org.trialfhir.ingest.pull;

import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.source.EhrAuth;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.support.FhirTestClient;

/** Running {@code $pull} against our server in tests, and reading its answer. */
public final class PullTesting {

	/** Fast retries so that fault tests take seconds, not minutes. */
	public static final EhrSource.RetryPolicy FAST_RETRY =
			new EhrSource.RetryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(2));

	private PullTesting() {}

	static EhrSource searchSource(String name, FakeHospital hospital, String mrnSystem) {
		return source(name, hospital, mrnSystem, EhrAuth.NONE, EhrSource.FetchMode.SEARCH, null);
	}

	static EhrSource source(String name, FakeHospital hospital, String mrnSystem, EhrAuth auth,
			EhrSource.FetchMode mode, EhrSource.BulkExport bulk) {
		return new EhrSource(name, URI.create(hospital.baseUrl()), mrnSystem, auth, null, 5, Duration.ofSeconds(5),
				mode, bulk == null ? new EhrSource.BulkExport(null, null, Duration.ofMillis(100), null) : bulk,
				FAST_RETRY, null);
	}

	/** POST [base]/$pull with one source parameter; the counts of that source. */
	static Counts pull(int port, String sourceName) {
		return post(port, "/$pull", sourceName);
	}

	/** POST [base]/ResearchSubject/[id]/$pull with one source parameter. */
	static Counts pullSubject(int port, String researchSubjectId, String sourceName) {
		return post(port, "/ResearchSubject/" + researchSubjectId + "/$pull", sourceName);
	}

	private static Counts post(int port, String path, String sourceName) {
		Parameters in = new Parameters();
		in.addParameter("source", new StringType(sourceName));
		Response response = FhirTestClient.http(port).contentType("application/fhir+json")
				.body(FhirTestClient.json(in)).post(path);
		if (response.statusCode() != 200) {
			throw new AssertionError("$pull answered " + response.statusCode() + ": " + response.asString());
		}
		Parameters out = FhirTestClient.context().newJsonParser().parseResource(Parameters.class, response.asString());
		return Counts.of(out, sourceName);
	}

	/** Our Observations pulled from a source: those with identifier system {@code <base-url>/Observation}. */
	static int storedFrom(IGenericClient fhir, FakeHospital hospital) {
		return fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.hasSystemWithAnyCode(hospital.baseUrl() + "/Observation"))
				.summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute().getTotal();
	}

	static List<Observation> fetchAllFrom(IGenericClient fhir, FakeHospital hospital) {
		Bundle page = fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.hasSystemWithAnyCode(hospital.baseUrl() + "/Observation"))
				.count(200).returnBundle(Bundle.class).execute();
		List<Observation> all = new java.util.ArrayList<>();
		while (true) {
			page.getEntry().forEach(e -> all.add((Observation) e.getResource()));
			if (page.getLink(Bundle.LINK_NEXT) == null) {
				return all;
			}
			page = fhir.loadPage().next(page).execute();
		}
	}

	/** One source's part of a $pull answer. */
	record Counts(int fetched, int created, int updated, int unchanged, int rejected, int errors, List<String> notes) {

		static Counts of(Parameters out, String sourceName) {
			for (Parameters.ParametersParameterComponent source : out.getParameter()) {
				Map<String, Integer> numbers = new HashMap<>();
				List<String> notes = new java.util.ArrayList<>();
				String name = null;
				for (Parameters.ParametersParameterComponent part : source.getPart()) {
					Type value = part.getValue();
					switch (part.getName()) {
						case "name" -> name = value.primitiveValue();
						case "note" -> notes.add(value.primitiveValue());
						default -> numbers.put(part.getName(), Integer.valueOf(value.primitiveValue()));
					}
				}
				if (sourceName.equals(name)) {
					return new Counts(numbers.get("fetched"), numbers.get("created"), numbers.get("updated"),
							numbers.get("unchanged"), numbers.get("rejected"), numbers.get("errors"), notes);
				}
			}
			throw new AssertionError("no counts for source " + sourceName + " in " + out);
		}
	}
}
