package org.trialfhir.completeness;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;
import org.trialfhir.profiles.TrialCanonicals;

/**
 * The data queries raised to sites: Tasks with code {@code trial-task|data-query} (profile TrialDataQuery,
 * docs/data-quality.md), read through HAPI's search as the system.
 */
@Component
class DataQueries {

	static final String SYSTEM = TrialCanonicals.CS_TRIAL_TASK;
	static final String CODE = TrialCanonicals.DATA_QUERY;
	/** A query the site has still to answer; completed, cancelled, rejected, failed and entered-in-error are closed. */
	private static final Set<Task.TaskStatus> OPEN = Set.of(Task.TaskStatus.DRAFT, Task.TaskStatus.REQUESTED,
			Task.TaskStatus.RECEIVED, Task.TaskStatus.ACCEPTED, Task.TaskStatus.READY, Task.TaskStatus.INPROGRESS,
			Task.TaskStatus.ONHOLD);
	private static final int MAX_TASKS = 100_000;

	private final DaoRegistry daos;

	DataQueries(DaoRegistry daos) {
		this.daos = daos;
	}

	/**
	 * The open data queries about these patients.
	 *
	 * @param subjectOfPatient Patient id → ResearchSubject id, of the subjects checked
	 */
	List<OpenQuery> open(Map<String, String> subjectOfPatient) {
		SearchParameterMap map = SearchParameterMap.newSynchronous("code", new TokenParam(SYSTEM, CODE));
		map.setLoadSynchronousUpTo(MAX_TASKS);
		List<OpenQuery> open = new ArrayList<>();
		for (var resource : daos.getResourceDao(Task.class).search(map, new SystemRequestDetails()).getAllResources()) {
			Task task = (Task) resource;
			IdType patient = new IdType(task.getFor().getReference() == null ? "" : task.getFor().getReference());
			String subject = "Patient".equals(patient.getResourceType()) ? subjectOfPatient.get(patient.getIdPart())
					: null;
			if (subject == null || !OPEN.contains(task.getStatus())) {
				continue;
			}
			String focus = task.getFocus().getReference();
			open.add(new OpenQuery(task.getIdElement().toUnqualifiedVersionless().getValue(), task.getStatus().toCode(),
					subject, focus, task.hasDescription() ? task.getDescription() : ""));
		}
		open.sort(java.util.Comparator.comparing(OpenQuery::subject).thenComparing(OpenQuery::task));
		return open;
	}
}
