package org.trialfhir.adjudication;

import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;

/**
 * {@code $adjudicate}'s answer: one {@code adjudicated} parameter per decided value, with parts {@code observation}
 * (the new version), {@code decision} and {@code status}.
 */
final class AdjudicateResponse {

	private AdjudicateResponse() {}

	static Parameters render(List<AdjudicateExecutor.Decided> decided) {
		Parameters result = new Parameters();
		for (AdjudicateExecutor.Decided value : decided) {
			Parameters.ParametersParameterComponent one = result.addParameter().setName("adjudicated");
			one.addPart().setName("observation").setValue(new Reference(value.version()));
			one.addPart().setName("decision").setValue(new CodeType(value.decision().code));
			one.addPart().setName("status").setValue(new CodeType(value.decision().status.toCode()));
		}
		return result;
	}
}
