package org.trialfhir.ingest.pull.store;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.trialfhir.ingest.pull.source.EhrSource;

/**
 * Our copy of a hospital's Observation: the clinical content as sent (units untouched), our Patient as subject, and
 * its origin — meta.source {@code <base-url>/Observation/<id>} and identifier {@code {<base-url>/Observation, <id>}}
 * (the key that makes a second pull of the same data a no-op). References to the hospital's other resources
 * (encounter, performer, specimen, …) are not copied: they would point into another server.
 */
final class PulledObservation {

	private PulledObservation() {}

	static Observation of(Observation source, EhrSource ehr, String sourceId, String patientReference) {
		Observation copy = new Observation();
		copy.setMeta(new Meta().setSource(ehr.observationIdentifierSystem() + "/" + sourceId));
		copy.addIdentifier(new Identifier().setSystem(ehr.observationIdentifierSystem()).setValue(sourceId));
		copy.setStatus(source.getStatus());
		source.getCategory().forEach(category -> copy.addCategory(category.copy()));
		copy.setCode(source.getCode().copy());
		copy.setSubject(new Reference(patientReference));
		copy.setEffective(source.getEffective().copy());
		if (source.hasIssued()) {
			copy.setIssuedElement(source.getIssuedElement().copy());
		}
		if (source.hasValue()) {
			copy.setValue(source.getValue().copy());
		}
		if (source.hasDataAbsentReason()) {
			copy.setDataAbsentReason(source.getDataAbsentReason().copy());
		}
		source.getInterpretation().forEach(interpretation -> copy.addInterpretation(interpretation.copy()));
		source.getNote().forEach(note -> copy.addNote(note.copy()));
		if (source.hasBodySite()) {
			copy.setBodySite(source.getBodySite().copy());
		}
		if (source.hasMethod()) {
			copy.setMethod(source.getMethod().copy());
		}
		source.getReferenceRange().forEach(range -> copy.addReferenceRange(range.copy()));
		source.getComponent().forEach(component -> copy.addComponent(component.copy()));
		return copy;
	}
}
