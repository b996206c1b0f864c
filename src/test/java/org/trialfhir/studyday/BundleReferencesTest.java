package org.trialfhir.studyday;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class BundleReferencesTest {

	static final String PLACEHOLDER = "urn:uuid:5f0c5b0e-7d4e-4a43-9f54-2b8f3c1d9a10";

	@Test
	void aLiteralReferencePointsToItsIdWithoutBaseOrVersion() {
		assertThat(BundleReferences.targetOf(new Reference("Patient/12"))).contains("Patient/12");
		assertThat(BundleReferences.targetOf(new Reference("http://trial.example/fhir/Patient/12/_history/3")))
				.contains("Patient/12");
		assertThat(BundleReferences.awaitsItsEntry(new Reference("Patient/12"))).isFalse();
	}

	@Test
	void aPlaceholderPointsToItsEntryOnceHapiHasGivenTheEntryItsId() {
		Patient entry = new Patient();
		Reference reference = linkedTo(entry);
		assertThat(BundleReferences.targetOf(reference)).isEmpty();
		assertThat(BundleReferences.awaitsItsEntry(reference)).isTrue();

		entry.setId("Patient/1118/_history/1"); // what HAPI sets once it has written (or found) the entry
		assertThat(BundleReferences.targetOf(reference)).contains("Patient/1118");
		assertThat(BundleReferences.awaitsItsEntry(reference)).isFalse();
	}

	@Test
	void anEntryStillCarryingItsPlaceholderAsIdIsNotWrittenYet() {
		Patient entry = new Patient();
		entry.setId(PLACEHOLDER);
		assertThat(BundleReferences.targetOf(linkedTo(entry))).isEmpty();
	}

	@Test
	void aPlaceholderWithoutEntryContainedAndConditionalReferencesPointNowhereYet() {
		assertThat(BundleReferences.targetOf(new Reference(PLACEHOLDER))).isEmpty();
		assertThat(BundleReferences.awaitsItsEntry(new Reference(PLACEHOLDER))).isTrue();
		assertThat(BundleReferences.targetOf(new Reference("#p1"))).isEmpty();
		assertThat(BundleReferences.targetOf(new Reference("Patient?identifier=http://h.example/mrn|7"))).isEmpty();
		assertThat(BundleReferences.awaitsItsEntry(new Reference("Patient?identifier=http://h.example/mrn|7")))
				.isFalse();
		assertThat(BundleReferences.targetOf(new Reference())).isEmpty();
	}

	// as HAPI's parser links a reference to the bundle entry whose fullUrl it names
	private static Reference linkedTo(Patient entry) {
		Reference reference = new Reference(PLACEHOLDER);
		reference.setResource(entry);
		return reference;
	}
}
