package org.trialfhir.derive;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;

/** {@code $derive-scores}'s answer: a {@code collection} Bundle of the stored derived Observations, in their order. */
final class DeriveScoresResponse {

	private DeriveScoresResponse() {}

	/** @param serverBase this server's FHIR base, which prefixes each entry's fullUrl */
	static Bundle render(List<Observation> derived, String serverBase) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
		for (Observation o : derived) {
			bundle.addEntry().setFullUrl(serverBase + "/Observation/" + o.getIdElement().getIdPart()).setResource(o);
		}
		return bundle;
	}
}
