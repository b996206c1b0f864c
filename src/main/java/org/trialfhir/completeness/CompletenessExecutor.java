package org.trialfhir.completeness;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
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

	/** Far above a 28-day ICU stay's records; HAPI would otherwise cut a synchronous search at its default. */
	private static final int MAX_RECORDS = 200_000;

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
			SubjectDays.check(subject, died.get(subject.patientId()), observations(subject.patientId()), items, days,
					request.asOf(), plausibility, converter, rows, findings);
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
