package org.trialfhir.completeness;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.springframework.stereotype.Component;
import org.trialfhir.derive.PendingDerivations;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.hapisql.Deaths;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.hapisql.Enrolments;
import org.trialfhir.profiles.TrialCanonicals;
import org.trialfhir.units.TrialVariable;
import org.trialfhir.units.UnitConverter;

/**
 * Runs {@code $completeness}: the study's schedule (its PlanDefinition, else every score input daily on days 1–10),
 * the subjects in scope (randomized, with a patient and T0; of the site asked for), and per subject and day each
 * expected item's status, the implausible values ({@link ValueFindings}), the derived scores' state
 * ({@link ScoreFindings}, brought up to date first as {@code $analyze} does) and the open data queries. Everything is
 * read as the system through HAPI's DAOs and the {@code hapisql} readers; the arm is never read.
 */
@Component
class CompletenessExecutor {

	private static final long DAY_MILLIS = Duration.ofHours(24).toMillis();
	/** Far above a 28-day ICU stay's records; HAPI would otherwise cut a synchronous search at its default. */
	private static final int MAX_RECORDS = 200_000;
	private static final Set<Observation.ObservationStatus> VOID = Set.of(Observation.ObservationStatus.ENTEREDINERROR,
			Observation.ObservationStatus.CANCELLED);

	private final DaoRegistry daos;
	private final Enrolments enrolments;
	private final Deaths deaths;
	private final PendingDerivations derivations;
	private final Plausibility plausibility;
	private final DataQueries queries;
	private final UnitConverter converter = UnitConverter.standard();

	CompletenessExecutor(DaoRegistry daos, Enrolments enrolments, Deaths deaths, PendingDerivations derivations,
			Plausibility plausibility, DataQueries queries) {
		this.daos = daos;
		this.enrolments = enrolments;
		this.deaths = deaths;
		this.derivations = derivations;
		this.plausibility = plausibility;
		this.queries = queries;
	}

	CompletenessReport study(String studyId, CompletenessRequest request) {
		ResearchStudy study = read(ResearchStudy.class, studyId);
		return run("ResearchStudy/" + studyId, study, enrolments.ofStudy(studyId), request);
	}

	CompletenessReport subject(String subjectId, CompletenessRequest request) {
		Enrolment enrolment = enrolments.byId(subjectId)
				.orElseThrow(() -> TrialFhirException.notFound("ResearchSubject/" + subjectId + " is not known"));
		if (enrolment.studyId() == null) {
			throw TrialFhirException.unprocessable("ResearchSubject/" + subjectId + " has no study");
		}
		return run("ResearchSubject/" + subjectId, read(ResearchStudy.class, enrolment.studyId()), List.of(enrolment),
				request);
	}

	private CompletenessReport run(String target, ResearchStudy study, List<Enrolment> enrolled,
			CompletenessRequest request) {
		PlanDefinition plan = plan(study);
		List<ExpectedItem> items = plan == null ? ScheduleOfActivities.everyScoreInput() : ScheduleOfActivities.read(plan);
		SortedSet<Integer> days = new TreeSet<>(request.days());
		if (days.isEmpty()) {
			items.forEach(item -> days.addAll(item.days()));
		}
		String site = request.site() == null ? null : siteOrganization(request.site());
		Map<String, Deaths.Death> died = deaths.ofStudy(study.getIdElement().getIdPart());
		List<String> notes = new ArrayList<>();
		Map<String, Enrolment> subjectOfPatient = new LinkedHashMap<>();
		int unrandomized = 0;
		for (Enrolment e : enrolled) {
			if (e.t0() == null || e.patientId() == null) {
				unrandomized++;
			} else if (site == null || site.equals(organizationOf(e.patientId()))) {
				subjectOfPatient.putIfAbsent(e.patientId(), e);
			}
		}
		if (unrandomized > 0) {
			notes.add(unrandomized + " ResearchSubject(s) without a T0 (period.start) or a patient are not checked");
		}
		notes.addAll(derivations.finish(List.copyOf(subjectOfPatient.keySet())));
		List<CompletenessRow> rows = new ArrayList<>();
		List<CompletenessRow> findings = new ArrayList<>();
		for (Enrolment subject : subjectOfPatient.values()) {
			check(subject, died.get(subject.patientId()), items, days, request.asOf(), rows, findings);
		}
		rows.addAll(findings);
		rows.sort(Comparator.comparing(CompletenessRow::subject).thenComparingInt(CompletenessRow::day)
				.thenComparing(r -> r.status().expectedItem() ? 0 : 1));
		Map<String, String> subjects = new LinkedHashMap<>();
		subjectOfPatient.forEach((patient, e) -> subjects.put(patient, e.researchSubjectId()));
		return new CompletenessReport(target, request.asOf(),
				plan == null ? null : plan.getIdElement().toUnqualifiedVersionless().getValue(), List.copyOf(days), items,
				rows, queries.open(subjects), notes);
	}

	private void check(Enrolment subject, Deaths.Death death, List<ExpectedItem> items, SortedSet<Integer> days,
			Instant asOf, List<CompletenessRow> rows, List<CompletenessRow> findings) {
		List<Measurement> measurements = new ArrayList<>();
		List<Observation> derived = new ArrayList<>();
		for (Observation o : observations(subject.patientId())) {
			if (VOID.contains(o.getStatus())) {
				continue;
			}
			boolean isDerived = o.getIdentifier().stream()
					.anyMatch(i -> TrialCanonicals.SID_DERIVED_SCORE.equals(i.getSystem()));
			if (isDerived) {
				derived.add(o);
			} else if (knownBy(o, asOf)) {
				measurements.add(Measurement.of(o));
			}
		}
		Map<Integer, List<String>> missingOn = new TreeMap<>();
		Set<Integer> scoreDays = new TreeSet<>();
		for (int day : days) {
			Instant start = subject.t0().plusMillis((day - 1) * DAY_MILLIS);
			Instant end = start.plusMillis(DAY_MILLIS);
			String gone = gone(subject, death, start);
			boolean due = !asOf.isBefore(end);
			for (ExpectedItem item : items) {
				if (!item.days().contains(day)) {
					continue;
				}
				CompletenessRow row = item.vitalStatus() ? vitalStatus(subject, death, item, day, start, end, asOf)
						: gone != null ? row(subject, day, item, ItemStatus.NOT_APPLICABLE, null, gone)
						: measured(subject, day, item, start, end, due, measurements);
				rows.add(row);
				if (row.status() == ItemStatus.MISSING) {
					missingOn.computeIfAbsent(day, d -> new ArrayList<>()).add(item.label());
				}
				if (gone == null && due && !item.vitalStatus() && scored(item)) {
					scoreDays.add(day);
				}
			}
		}
		findings.addAll(ValueFindings.of(subject.researchSubjectId(), subject.t0(), measurements, days, plausibility,
				converter));
		findings.addAll(ScoreFindings.of(subject.researchSubjectId(), derived, List.copyOf(scoreDays), missingOn));
	}

	private CompletenessRow measured(Enrolment subject, int day, ExpectedItem item, Instant start, Instant end,
			boolean due, List<Measurement> measurements) {
		List<Measurement> inDay = measurements.stream().filter(m -> m.counts(item) && m.hasValue() && m.time() != null
				&& !m.time().isBefore(start) && m.time().isBefore(end)).toList();
		List<Measurement> usable = inDay.stream().filter(Measurement::counted).toList();
		long preliminary = inDay.size() - usable.size();
		String pending = preliminary == 0 ? "" : preliminary + " preliminary value(s) not counted";
		if (usable.size() >= item.perDay()) {
			String detail = item.perDay() > 1 ? usable.size() + " values" : "";
			return row(subject, day, item, ItemStatus.RECEIVED, usable.get(0).reference(), detail);
		}
		String count = item.perDay() > 1 || !usable.isEmpty() ? usable.size() + " of " + item.perDay() + " values" : "";
		String detail = String.join("; ", java.util.stream.Stream.of(count, pending).filter(s -> !s.isEmpty()).toList());
		return row(subject, day, item, due ? ItemStatus.MISSING : ItemStatus.NOT_YET_DUE,
				usable.isEmpty() ? null : usable.get(0).reference(), detail);
	}

	/** Vital status: known from a dated death, or from a follow-up reaching past the day. */
	private CompletenessRow vitalStatus(Enrolment subject, Deaths.Death death, ExpectedItem item, int day, Instant start,
			Instant end, Instant asOf) {
		String patient = "Patient/" + subject.patientId();
		if (death != null && (death.date() == null || !death.date().isAfter(asOf))) {
			return row(subject, day, item, ItemStatus.RECEIVED, patient,
					death.date() == null ? "deceased, date not recorded" : "died " + death.date());
		}
		if (subject.periodEnd() != null && !subject.periodEnd().isBefore(end) && !end.isAfter(asOf)) {
			return row(subject, day, item, ItemStatus.RECEIVED, "ResearchSubject/" + subject.researchSubjectId(),
					"followed up alive until " + subject.periodEnd());
		}
		if (subject.periodEnd() != null && subject.periodEnd().isBefore(start)) {
			return row(subject, day, item, ItemStatus.NOT_APPLICABLE, null,
					"follow-up ended " + subject.periodEnd() + " (withdrawn or lost)");
		}
		return row(subject, day, item, asOf.isBefore(end) ? ItemStatus.NOT_YET_DUE : ItemStatus.MISSING, null,
				"no death recorded and no follow-up past this day");
	}

	/** Why the subject was no longer followed on a day starting at {@code start}, or null. */
	private static String gone(Enrolment subject, Deaths.Death death, Instant start) {
		if (death != null && death.date() != null && death.date().isBefore(start)) {
			return "died " + death.date();
		}
		if (subject.periodEnd() != null && subject.periodEnd().isBefore(start)) {
			return "follow-up ended " + subject.periodEnd() + " (withdrawn or lost)";
		}
		return null;
	}

	private static boolean scored(ExpectedItem item) {
		return item.codes().stream().anyMatch(code -> {
			int bar = code.indexOf('|');
			return TrialVariable.byCode(code.substring(0, bar), code.substring(bar + 1)).map(TrialVariable::scored)
					.orElse(false);
		});
	}

	private static CompletenessRow row(Enrolment subject, int day, ExpectedItem item, ItemStatus status, String focus,
			String detail) {
		return new CompletenessRow(subject.researchSubjectId(), day, item.key(), item.label(), status, focus, detail);
	}

	/** Stored after {@code asOf}: not known then, so not counted. */
	private static boolean knownBy(Observation o, Instant asOf) {
		return o.getMeta().getLastUpdated() == null || !o.getMeta().getLastUpdated().toInstant().isAfter(asOf);
	}

	private List<Observation> observations(String patientId) {
		SearchParameterMap map = SearchParameterMap.newSynchronous("subject", new ReferenceParam("Patient/" + patientId));
		map.setLoadSynchronousUpTo(MAX_RECORDS);
		List<Observation> list = new ArrayList<>();
		for (IBaseResource r : daos.getResourceDao(Observation.class).search(map, new SystemRequestDetails())
				.getAllResources()) {
			list.add((Observation) r);
		}
		return list;
	}

	/** The study's schedule: the first PlanDefinition of ResearchStudy.protocol, or null when it names none. */
	private PlanDefinition plan(ResearchStudy study) {
		for (Reference protocol : study.getProtocol()) {
			IdType id = new IdType(protocol.getReference() == null ? "" : protocol.getReference());
			if ("PlanDefinition".equals(id.getResourceType()) && id.hasIdPart()) {
				try {
					return daos.getResourceDao(PlanDefinition.class).read(id.toUnqualifiedVersionless(),
							new SystemRequestDetails());
				} catch (ResourceNotFoundException | ResourceGoneException e) {
					throw TrialFhirException.unprocessable("ResearchStudy/" + study.getIdElement().getIdPart()
							+ " names the schedule " + id.toUnqualifiedVersionless().getValue()
							+ " in protocol, which is not stored");
				}
			}
		}
		return null;
	}

	/** {@code Organization/<id>} of the site asked for: by its id or its site identifier; 400 when there is none. */
	private String siteOrganization(String site) {
		if (site.matches("[A-Za-z0-9\\-.]{1,64}")) {
			try {
				return daos.getResourceDao(Organization.class).read(new IdType("Organization", site),
						new SystemRequestDetails()).getIdElement().toUnqualifiedVersionless().getValue();
			} catch (ResourceNotFoundException | ResourceGoneException e) {
				// not an id: a site identifier, below
			}
		}
		SearchParameterMap map = SearchParameterMap.newSynchronous("identifier",
				new TokenParam(TrialCanonicals.SID_SITE, site));
		List<IBaseResource> found = daos.getResourceDao(Organization.class).search(map, new SystemRequestDetails())
				.getAllResources();
		if (found.isEmpty()) {
			throw TrialFhirException.invalid("site", "site '" + (site.length() > 64 ? site.substring(0, 64) + "…" : site)
					+ "' is neither an Organization id nor a site identifier (" + TrialCanonicals.SID_SITE + ")");
		}
		return found.get(0).getIdElement().toUnqualifiedVersionless().getValue();
	}

	/** {@code Organization/<id>} of the patient's managingOrganization, or null. */
	private String organizationOf(String patientId) {
		try {
			Patient patient = daos.getResourceDao(Patient.class).read(new IdType("Patient", patientId),
					new SystemRequestDetails());
			IdType org = new IdType(patient.getManagingOrganization().getReference() == null ? ""
					: patient.getManagingOrganization().getReference());
			return org.hasIdPart() ? "Organization/" + org.getIdPart() : null;
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}

	private <T extends IBaseResource> T read(Class<T> type, String id) {
		return daos.getResourceDao(type).read(new IdType(type.getSimpleName(), id), new SystemRequestDetails());
	}
}
