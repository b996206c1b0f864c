package org.trialfhir.randomization;

import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;

/**
 * Never re-rolled: a ResearchSubject created by $randomize keeps its assigned arm, study and patient through every
 * write (also a blinded client writing back the masked copy it was shown), and is never deleted — a subject who leaves
 * the trial is withdrawn (status, period.end), which frees nothing.
 */
@Component
class RandomizedSubjectGuard implements WriteStep {

	private final AllocationSlots slots;

	RandomizedSubjectGuard(AllocationSlots slots) {
		this.slots = slots;
	}

	@Override
	public String name() {
		return "guard-randomized-subject";
	}

	@Override
	public void beforeStore(WriteContext write) {
		switch (write.kind()) {
			case UPDATE -> keepAllocation(write.previous(), write.resource());
			case DELETE -> keepSubject(write.resource());
			case CREATE -> {}
		}
	}

	private void keepAllocation(IBaseResource previous, IBaseResource updated) {
		if (!(previous instanceof ResearchSubject before) || !(updated instanceof ResearchSubject after)) {
			return;
		}
		boolean changed = !Objects.equals(before.getAssignedArm(), after.getAssignedArm())
				|| !Objects.equals(before.getStudy().getReference(), after.getStudy().getReference())
				|| !Objects.equals(before.getIndividual().getReference(), after.getIndividual().getReference());
		if (changed && slots.isUsedBy(before.getIdElement().getIdPart())) {
			throw TrialFhirException.unprocessable("ResearchSubject/" + before.getIdElement().getIdPart() + " was "
					+ "randomized: its assignedArm, study and individual come from the allocation list and cannot change");
		}
	}

	private void keepSubject(IBaseResource deleted) {
		if (deleted instanceof ResearchSubject subject && slots.isUsedBy(subject.getIdElement().getIdPart())) {
			throw TrialFhirException.unprocessable("ResearchSubject/" + subject.getIdElement().getIdPart() + " was "
					+ "randomized and cannot be deleted; to end participation set status withdrawn and period.end");
		}
	}
}
