package org.trialfhir.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator delivers what the rTM schedule of activities expects (docs/data-quality.md): vital signs every 4 h
 * (six a day), the mediators on days 1, 3, 7 and 10, and a day-28 vital status for every subject (a death, or a
 * follow-up to the end of day 28). Read back from the NDJSON as plain JSON, with study days counted from T0 here.
 */
class ScheduleOfActivitiesOutputTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String HEART_RATE = "8867-4";
	private static final String IL6 = "26881-3";

	@TempDir
	static Path out;
	static Map<String, Instant> t0 = new HashMap<>();
	static Map<String, Instant> death = new HashMap<>();
	static Map<String, JsonNode> subjects = new HashMap<>();
	static List<JsonNode> observations;

	@BeforeAll
	static void simulate() throws IOException {
		SimulatorRuns.run(out, "--subjects", "8", "--days", "10", "--seed", "1", "--format", "ndjson");
		Path ndjson = out.resolve("ndjson");
		for (JsonNode subject : read(ndjson.resolve("ResearchSubject.ndjson"))) {
			String patient = subject.path("individual").path("reference").asText().substring("Patient/".length());
			t0.put(patient, instant(subject.path("period").path("start")));
			subjects.put(patient, subject);
		}
		for (JsonNode patient : read(ndjson.resolve("Patient.ndjson"))) {
			if (patient.has("deceasedDateTime")) {
				death.put(patient.path("id").asText(), instant(patient.path("deceasedDateTime")));
			}
		}
		observations = read(ndjson.resolve("Observation.ndjson"));
	}

	@Test
	void sixHeartRatesOnEveryFullDayAlive() {
		Map<String, Map<Integer, Integer>> perDay = perDay(HEART_RATE);
		int fullDays = 0;
		for (String patient : t0.keySet()) {
			for (int day = 1; day <= 10; day++) {
				Instant dayEnd = t0.get(patient).plus(Duration.ofHours(24L * day));
				if (!death.containsKey(patient) || death.get(patient).isAfter(dayEnd)) {
					assertThat(perDay.getOrDefault(patient, Map.of()).get(day)).as(patient + " day " + day).isEqualTo(6);
					fullDays++;
				}
			}
		}
		assertThat(fullDays).as("days lived whole").isGreaterThan(40);
	}

	@Test
	void mediatorsOnDays1_3_7And10() {
		Map<String, Map<Integer, Integer>> perDay = perDay(IL6);
		String survivor = t0.keySet().stream().filter(patient -> !death.containsKey(patient)).sorted().findFirst()
				.orElseThrow();
		assertThat(new TreeSet<>(perDay.get(survivor).keySet())).containsExactly(1, 3, 7, 10);
		perDay.values().forEach(days -> assertThat(days.keySet()).isSubsetOf(1, 3, 7, 10));
	}

	@Test
	void everySubjectHasItsDay28VitalStatus() {
		assertThat(death).isNotEmpty();
		assertThat(death.size()).isLessThan(t0.size());
		for (Map.Entry<String, JsonNode> subject : subjects.entrySet()) {
			JsonNode end = subject.getValue().path("period").path("end");
			if (death.containsKey(subject.getKey())) {
				assertThat(end.isMissingNode()).as(subject.getKey() + " died: no follow-up end").isTrue();
			} else {
				assertThat(instant(end)).as(subject.getKey() + " followed to the end of day 28")
						.isEqualTo(t0.get(subject.getKey()).plus(Duration.ofDays(28)));
			}
		}
	}

	/** Per patient and study day, how many Observations of the code. */
	private static Map<String, Map<Integer, Integer>> perDay(String code) {
		Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
		for (JsonNode observation : observations) {
			if (!code.equals(observation.path("code").path("coding").path(0).path("code").asText())) {
				continue;
			}
			String patient = observation.path("subject").path("reference").asText().substring("Patient/".length());
			Instant at = instant(observation.path("effectiveDateTime"));
			int day = (int) Math.floorDiv(Duration.between(t0.get(patient), at).toMinutes(), 24 * 60) + 1;
			counts.computeIfAbsent(patient, p -> new TreeMap<>()).merge(day, 1, Integer::sum);
		}
		return counts;
	}

	private static List<JsonNode> read(Path file) throws IOException {
		return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(line -> {
			try {
				return JSON.readTree(line);
			} catch (IOException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	private static Instant instant(JsonNode dateTime) {
		return OffsetDateTime.parse(dateTime.asText()).toInstant();
	}
}
