package org.trialfhir.bulkimport;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.trialfhir.audit.TrialAuditEvent;

/**
 * One AuditEvent per import job, written when the job ends: who started it (the client, and the user if any), when
 * (period: kick-off to end), and one entity detail per chunk with its counts and errors. The kick-off and each poll
 * are audited as every request is, by the audit package.
 */
@Component
class ImportAudit {

	static final String JOB_SYSTEM = "http://trialfhir.org/fhir/sid/import-job";

	private final DaoRegistry daoRegistry;

	ImportAudit(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	void finished(ImportJobStore.Job job, List<ChunkReport> chunks) {
		// written by the job's runner, after the request that started it: on behalf of the job's owner
		AuditEvent event = TrialAuditEvent.ofOperation("$import", AuditEvent.AuditEventAction.C,
				AuditEvent.AuditEventOutcome._0, job.ownerClient(), job.ownerUser());
		event.setPeriod(new Period().setStart(Date.from(job.createdAt()))
				.setEnd(job.finishedAt() == null ? new Date() : Date.from(job.finishedAt())));
		int errors = chunks.stream().mapToInt(chunk -> chunk.errors().size()).sum();
		if (job.state() == ImportJobStore.State.FAILED) {
			event.setOutcome(AuditEvent.AuditEventOutcome._8).setOutcomeDesc("import failed: " + job.failure());
		} else {
			event.setOutcome(errors == 0 ? AuditEvent.AuditEventOutcome._0 : AuditEvent.AuditEventOutcome._4)
					.setOutcomeDesc("import done: " + chunks.size() + " chunks, " + errors + " lines not written");
		}
		AuditEvent.AuditEventEntityComponent entity = event.addEntity().setName("import job " + job.id())
				.setWhat(new Reference().setIdentifier(new Identifier().setSystem(JOB_SYSTEM)
						.setValue(job.id().toString())));
		for (ChunkReport chunk : chunks) {
			StringBuilder counts = new StringBuilder();
			chunk.counts().forEach((type, of) -> counts.append(type).append(" created ").append(of.created)
					.append(" updated ").append(of.updated).append("; "));
			counts.append("errors ").append(chunk.errors().size());
			entity.addDetail().setType("chunk " + chunk.seq() + " (" + chunk.source() + ")")
					.setValue(new StringType(counts.toString()));
		}
		daoRegistry.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails());
	}
}
