package org.trialfhir.studyday;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * What a reference points to while a transaction bundle is written. HAPI writes every entry first and replaces the
 * bundle's placeholders ({@code urn:uuid:} fullUrls) in references by ids only afterwards, before it indexes: the
 * write hooks in between still see the placeholder. HAPI's parser has linked such a reference to the entry's
 * resource ({@link Reference#getResource()}), which gets its id as soon as HAPI has written (or, for a conditional
 * create, found) that entry — and HAPI writes all POST entries before the PUT ones.
 */
final class BundleReferences {

	private BundleReferences() {}

	/**
	 * The versionless id the reference points to ({@code Patient/123}), a placeholder followed to its entry; empty
	 * while that entry is not written yet, and for contained, conditional or empty references.
	 */
	static Optional<String> targetOf(Reference reference) {
		IIdType written = reference.getReferenceElement();
		if (!isPlaceholder(written)) {
			boolean resourceId = written.hasResourceType() && written.hasIdPart() && !written.isLocal()
					&& !written.getValue().contains("?");
			return resourceId ? Optional.of(written.toUnqualifiedVersionless().getValue()) : Optional.empty();
		}
		IBaseResource entry = reference.getResource();
		if (entry == null || !entry.getIdElement().hasIdPart() || isPlaceholder(entry.getIdElement())) {
			return Optional.empty();
		}
		return Optional.of(entry.fhirType() + "/" + entry.getIdElement().getIdPart());
	}

	/** A placeholder not followed to its resource yet: {@link #targetOf} may still learn it in this transaction. */
	static boolean awaitsItsEntry(Reference reference) {
		return isPlaceholder(reference.getReferenceElement()) && targetOf(reference).isEmpty();
	}

	private static boolean isPlaceholder(IIdType id) {
		return id.getValue() != null && id.getValue().startsWith("urn:");
	}
}
