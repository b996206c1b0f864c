package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.profiles.SharedValidator.CTX;
import static org.trialfhir.profiles.SharedValidator.VALIDATOR;

import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.validator.ProfileKnowledgeWorkerR5;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.conformance.profile.ProfileUtilities;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each differential generates a snapshot with the core snapshot generator, without error messages. */
class SnapshotTest {

	static final WorkerContextValidationSupportAdapter WORKER =
			new WorkerContextValidationSupportAdapter(VALIDATOR.validationSupport());

	static List<StructureDefinition> structureDefinitions() {
		return VALIDATOR.conformanceResources().structureDefinitions();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("structureDefinitions")
	void snapshotGeneratesWithoutErrors(StructureDefinition sd) {
		assertThat(snapshotProblems(sd)).isEmpty();
	}

	@Test
	void aDifferentialThatWalksIntoANonExistentElementIsReported() {
		StructureDefinition broken = structureDefinitions().stream()
				.filter(sd -> sd.getUrl().equals(TrialCanonicals.TRIAL_PATIENT)).findFirst().orElseThrow().copy();
		ElementDefinition shoeSize = broken.getDifferential().addElement().setPath("Patient.shoeSize").setMin(1);
		shoeSize.setId("Patient.shoeSize");

		assertThat(snapshotProblems(broken)).anyMatch(p -> p.contains("Patient.shoeSize"));
	}

	/** Error messages of the snapshot generator, a thrown exception, or differential elements missing from the snapshot. */
	private static List<String> snapshotProblems(StructureDefinition sd) {
		List<ValidationMessage> messages = new ArrayList<>();
		org.hl7.fhir.r5.model.StructureDefinition snapshot;
		try {
			snapshot = generate(sd, messages);
		} catch (RuntimeException e) {
			return List.of(String.valueOf(e.getMessage()));
		}
		List<String> problems = new ArrayList<>(messages.stream()
				.filter(m -> m.getLevel() == IssueSeverity.ERROR || m.getLevel() == IssueSeverity.FATAL)
				.map(ValidationMessage::getMessage).toList());
		List<String> ids = snapshot.getSnapshot().getElement().stream().map(e -> e.getId()).toList();
		sd.getDifferential().getElement().stream().map(ElementDefinition::getId).filter(id -> !ids.contains(id))
				.forEach(id -> problems.add("not in the snapshot: " + id));
		return problems;
	}

	private static org.hl7.fhir.r5.model.StructureDefinition generate(StructureDefinition sd, List<ValidationMessage> messages) {
		var canonical = new VersionCanonicalizer(CTX).structureDefinitionToCanonical(sd.copy());
		canonical.setSnapshot(null);
		var base = WORKER.fetchResource(org.hl7.fhir.r5.model.StructureDefinition.class, canonical.getBaseDefinition());
		new ProfileUtilities(WORKER, messages, new ProfileKnowledgeWorkerR5(CTX))
				.generateSnapshot(base, canonical, canonical.getUrl(), canonical.getUrl(), canonical.getName());
		return canonical;
	}
}
