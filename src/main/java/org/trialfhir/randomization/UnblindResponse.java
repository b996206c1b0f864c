package org.trialfhir.randomization;

import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** {@code $unblind}'s answer: Parameters with the subject's {@code arm}. */
final class UnblindResponse {

	private UnblindResponse() {}

	static Parameters render(String arm) {
		Parameters result = new Parameters();
		result.addParameter().setName("arm").setValue(new StringType(arm));
		return result;
	}
}
