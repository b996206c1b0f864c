package org.trialfhir.ingest.pull.store;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import org.trialfhir.ingest.pull.source.EhrSource;

/** One Provenance per pull batch that created or changed Observations, naming the source they came from. */
@Component
class PullProvenance {

	static final String URI_SYSTEM = "urn:ietf:rfc:3986";
	static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

	private final IFhirResourceDao<Provenance> dao;

	PullProvenance(DaoRegistry daoRegistry) {
		this.dao = daoRegistry.getResourceDao(Provenance.class);
	}

	void record(EhrSource source, List<Reference> targets) {
		if (targets.isEmpty()) {
			return; // the same data pulled again changes nothing, not even the audit trail
		}
		Provenance provenance = new Provenance();
		targets.forEach(provenance::addTarget);
		provenance.setRecorded(new Date());
		provenance.setActivity(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "UPDATE", "revise")));
		Reference hospital = new Reference().setDisplay(source.name())
				.setIdentifier(new Identifier().setSystem(URI_SYSTEM).setValue(source.base()));
		provenance.addAgent()
				.setType(new CodeableConcept(new Coding(PARTICIPANT_TYPE, "custodian", "Custodian")))
				.setWho(hospital);
		provenance.addAgent()
				.setType(new CodeableConcept(new Coding(PARTICIPANT_TYPE, "assembler", "Assembler")))
				.setWho(new Reference().setDisplay("TrialFHIR EHR pull"));
		provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(hospital.copy());
		dao.create(provenance, new SystemRequestDetails());
	}
}
