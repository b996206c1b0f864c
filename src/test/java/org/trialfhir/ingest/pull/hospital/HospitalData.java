package org.trialfhir.ingest.pull.hospital;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;

/**
 * The hospital's records, in memory. Every write stamps meta.versionId and meta.lastUpdated from a logical clock that
 * ticks one second per write, so the order of writes is the order of lastUpdated and no two writes share one.
 */
public final class HospitalData {

	static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

	private final Map<String, Patient> patients = new ConcurrentHashMap<>();
	private final Map<String, Observation> observations = new ConcurrentHashMap<>();
	private final AtomicInteger ticks = new AtomicInteger();
	private final AtomicInteger ids = new AtomicInteger(1000);

	/** The logical time now: the lastUpdated of the latest write. */
	public synchronized Instant now() {
		return EPOCH.plusSeconds(ticks.get());
	}

	public synchronized String addPatient(String mrnSystem, String mrn) {
		String id = "p" + ids.incrementAndGet();
		Patient patient = new Patient();
		patient.addIdentifier(new Identifier().setSystem(mrnSystem).setValue(mrn));
		patient.setId(new IdType("Patient", id, "1"));
		stamp(patient.getMeta().setVersionId("1"));
		patients.put(id, patient);
		return id;
	}

	public synchronized String addObservation(Observation observation) {
		String id = "o" + ids.incrementAndGet();
		observation.setId(new IdType("Observation", id, "1"));
		stamp(observation.getMeta().setVersionId("1"));
		observations.put(id, observation);
		return id;
	}

	/** Changes an Observation: a new version with a new lastUpdated. */
	public synchronized void updateObservation(String id, Consumer<Observation> change) {
		Observation observation = observations.get(id).copy();
		change.accept(observation);
		String version = String.valueOf(Integer.parseInt(observation.getMeta().getVersionId()) + 1);
		observation.setId(new IdType("Observation", id, version));
		stamp(observation.getMeta().setVersionId(version));
		observations.put(id, observation);
	}

	public Observation observation(String id) {
		return observations.get(id).copy();
	}

	List<Patient> patients() {
		return patients.values().stream().map(Patient::copy).toList();
	}

	/** All Observations, oldest lastUpdated first. */
	public List<Observation> observations() {
		List<Observation> all = new ArrayList<>(observations.values().stream().map(Observation::copy).toList());
		all.sort(Comparator.comparing((Observation o) -> o.getMeta().getLastUpdated()).thenComparing(Observation::getId));
		return all;
	}

	private void stamp(org.hl7.fhir.r4.model.Meta meta) {
		meta.setLastUpdated(Date.from(EPOCH.plusSeconds(ticks.incrementAndGet())));
	}
}
