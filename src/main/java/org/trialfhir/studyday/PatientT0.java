package org.trialfhir.studyday;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.hapisql.Enrolments;
import org.trialfhir.server.TransactionScoped;

/**
 * T0 of a patient: the start of the period of their ResearchSubject (the earliest, if they have several). A patient
 * is enrolled when they have one; a screening record without T0 does not count.
 *
 * <p>Inside a database transaction the answer also counts the ResearchSubjects written earlier in that same
 * transaction, which a search does not see yet — a transaction bundle carrying a subject and its Observations
 * must stamp and validate them as enrolled — and each patient is searched only once per transaction. In a bundle,
 * a patient may still be named by its entry's placeholder ({@link BundleReferences}): written subjects are known by
 * every name they give their patient, and a patient is looked up by every name its reference gives it.
 *
 * <p>The stored subjects come from {@link Enrolments} (one SQL query on HAPI's index, no resource parsed); those
 * written in the transaction, from the resources themselves ({@link Enrolment#of}).
 */
@Component
public class PatientT0 {

	private static final String TRANSACTION_KEY = PatientT0.class.getName() + ".subjects";

	private final Enrolments enrolments;

	PatientT0(Enrolments enrolments) {
		this.enrolments = enrolments;
	}

	/** T0 of the patient a reference (an Observation's subject) points to, as far as this write knows it. */
	public Optional<Instant> t0Of(Reference patient) {
		Set<String> names = namesOf(patient);
		TransactionView view = thisTransaction();
		Map<String, Instant> t0BySubject = new HashMap<>();
		for (String name : names) {
			t0BySubject.putAll(view == null ? search(name) : view.searched.computeIfAbsent(name, this::search));
		}
		if (view != null) {
			names.forEach(name -> t0BySubject.putAll(view.written.getOrDefault(name, Map.of())));
		}
		return t0BySubject.values().stream().filter(Objects::nonNull).min(Instant::compareTo);
	}

	/**
	 * Remembers the subject's (new) T0 for the rest of the transaction, over what a search finds; called for every
	 * write before it is stored ({@link StampStudyDay}).
	 */
	void written(IBaseResource resource) {
		TransactionView view = thisTransaction();
		if (view == null || !(resource instanceof ResearchSubject subject) || !subject.getIndividual().hasReference()) {
			return;
		}
		// a subject being created may not have its id yet; it is in no search result either
		String id = subject.getIdElement().hasIdPart() ? subject.getIdElement().getIdPart()
				: "new-" + System.identityHashCode(subject);
		for (String patient : namesOf(subject.getIndividual())) {
			view.written.computeIfAbsent(patient, p -> new HashMap<>()).put(id, Enrolment.of(subject).t0());
		}
	}

	/** The reference as written (maybe a bundle placeholder) and the id it points to, once known. */
	private static Set<String> namesOf(Reference patient) {
		Set<String> names = new LinkedHashSet<>();
		BundleReferences.targetOf(patient).ifPresent(names::add);
		if (patient.hasReference()) {
			names.add(patient.getReferenceElement().toUnqualifiedVersionless().getValue());
		}
		return names;
	}

	private Map<String, Instant> search(String patientReference) {
		Map<String, Instant> t0BySubject = new HashMap<>();
		IdType patient = new IdType(patientReference);
		if (!"Patient".equals(patient.getResourceType()) || !patient.hasIdPart()) {
			return t0BySubject;
		}
		// a HashMap, not a Collectors.toMap: a subject without T0 maps to null
		enrolments.ofPatient(patient.getIdPart()).forEach(e -> t0BySubject.put(e.researchSubjectId(), e.t0()));
		return t0BySubject;
	}

	/**
	 * What the current transaction knows, per patient reference and ResearchSubject id → T0: the subjects a search
	 * found (each patient searched once) and those the transaction itself wrote, which win. Null outside a transaction.
	 */
	private record TransactionView(Map<String, Map<String, Instant>> searched,
			Map<String, Map<String, Instant>> written) {
	}

	private static TransactionView thisTransaction() {
		return TransactionScoped.get(TRANSACTION_KEY, () -> new TransactionView(new HashMap<>(), new HashMap<>()));
	}
}
