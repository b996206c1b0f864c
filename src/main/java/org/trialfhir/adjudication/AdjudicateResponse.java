package org.trialfhir.adjudication;

import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code $adjudicate}'s answer: one {@code adjudicated} parameter per decided value, with parts {@code observation}
 * ({@code Observation/<id>}), {@code version} (the decided version's id: HAPI writes references without their version),
 * {@code decision} and {@code status}.
 */
final class AdjudicateResponse {

	private AdjudicateResponse() {}

	static Parameters render(List<AdjudicateExecutor.Decided> decided) {
		Parameters result = new Parameters();
		for (AdjudicateExecutor.Decided value : decided) {
			Parameters.ParametersParameterComponent one = result.addParameter().setName("adjudicated");
			IdType version = new IdType(value.version());
			one.addPart().setName("observation").setValue(new Reference(version.toUnqualifiedVersionless().getValue()));
			one.addPart().setName("version").setValue(new StringType(version.getVersionIdPart()));
			one.addPart().setName("decision").setValue(new CodeType(value.decision().code));
			one.addPart().setName("status").setValue(new CodeType(value.decision().status.toCode()));
		}
		return result;
	}
}
