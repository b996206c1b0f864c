package org.trialfhir.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a simulator NDJSON directory back, the way a consumer would: codes, UCUM units (converted with
 * {@link AcceptedUnits}), times; one {@link Subject} per patient. Test helper for the calibration check.
 */
final class TrialData {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Set<String> VENTILATION = Set.of("40617009", "428311008");
	private static final Set<String> CATECHOLAMINES = Set.of("1745276", "1743862");

	record Value(String code, Instant time, Instant end, double canonical) {
	}

	record Interval(String code, Instant start, Instant end, double rate) {
	}

	static final class Subject {
		String arm;
		Instant t0;
		LocalDate birthDate;
		Instant death;
		final List<Value> values = new ArrayList<>();
		final Map<String, String> ecrf = new HashMap<>();
		final List<Interval> support = new ArrayList<>();
		final List<Interval> infusions = new ArrayList<>();

		int day(Instant time) {
			return (int) Math.floorDiv(time.toEpochMilli() - t0.toEpochMilli(), 24 * 3_600_000L) + 1;
		}
	}

	final Map<String, Subject> subjects = new HashMap<>();

	static TrialData read(Path ndjson) throws IOException {
		TrialData data = new TrialData();
		data.each(ndjson.resolve("Patient.ndjson"), p -> {
			Subject s = data.subject(p.path("id").asText());
			s.birthDate = LocalDate.parse(p.path("birthDate").asText());
			s.death = p.has("deceasedDateTime") ? instant(p.path("deceasedDateTime")) : null;
		});
		data.each(ndjson.resolve("ResearchSubject.ndjson"), r -> {
			Subject s = data.subject(r.path("individual").path("reference").asText().substring("Patient/".length()));
			s.arm = r.path("assignedArm").asText();
			s.t0 = instant(r.path("period").path("start"));
		});
		data.each(ndjson.resolve("Observation.ndjson"), o -> {
			Subject s = data.subject(o.path("subject").path("reference").asText().substring("Patient/".length()));
			String code = o.path("code").path("coding").path(0).path("code").asText();
			if (o.has("valueBoolean")) {
				s.ecrf.put(code, o.path("valueBoolean").asText());
			} else if (o.has("valueCodeableConcept")) {
				s.ecrf.put(code, o.path("valueCodeableConcept").path("coding").path(0).path("code").asText());
			} else {
				JsonNode q = o.path("valueQuantity");
				double value = AcceptedUnits.canonical(code, q.path("code").asText(), q.path("value").asDouble());
				boolean period = o.has("effectivePeriod");
				Instant time = instant(period ? o.path("effectivePeriod").path("start") : o.path("effectiveDateTime"));
				Instant end = period ? instant(o.path("effectivePeriod").path("end")) : null;
				s.values.add(new Value(code, time, end, value));
			}
		});
		// SOFA-1 support only (D4): invasive ventilation and NIV; HFNO, ECMO and CRRT are SOFA-2 inputs
		data.each(ndjson.resolve("Procedure.ndjson"), p -> {
			if (VENTILATION.contains(p.path("code").path("coding").path(0).path("code").asText())) {
				data.subject(ref(p)).support.add(new Interval(
						p.path("code").path("coding").path(0).path("code").asText(), instant(p.path("performedPeriod").path("start")),
						p.path("performedPeriod").has("end") ? instant(p.path("performedPeriod").path("end")) : Instant.MAX, 0));
			}
		});
		// the catecholamines; sedatives, vasopressin and delirium drugs are SOFA-2 inputs
		data.each(ndjson.resolve("MedicationAdministration.ndjson"), m -> {
			String drug = m.path("medicationCodeableConcept").path("coding").path(0).path("code").asText();
			if (CATECHOLAMINES.contains(drug)) {
				data.subject(ref(m)).infusions.add(new Interval(drug, instant(m.path("effectivePeriod").path("start")),
						instant(m.path("effectivePeriod").path("end")),
						m.path("dosage").path("rateQuantity").path("value").asDouble()));
			}
		});
		return data;
	}

	private Subject subject(String patientId) {
		return subjects.computeIfAbsent(patientId, id -> new Subject());
	}

	private static String ref(JsonNode resource) {
		return resource.path("subject").path("reference").asText().substring("Patient/".length());
	}

	private static Instant instant(JsonNode dateTime) {
		return OffsetDateTime.parse(dateTime.asText()).toInstant();
	}

	private void each(Path file, Consumer<JsonNode> action) throws IOException {
		if (!Files.exists(file)) {
			return;
		}
		try (BufferedReader reader = Files.newBufferedReader(file)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				action.accept(JSON.readTree(line));
			}
		}
	}
}
