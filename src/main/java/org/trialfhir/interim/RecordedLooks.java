package org.trialfhir.interim;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;

/**
 * The looks stored by {@code $interim} with {@code record=true}: one {@code Basic} per look (docs/interim.md), code
 * {@value #SYSTEM}|{@value #CODE}, subject the ResearchStudy, identifier {@code <study id>-look-<n>}, the look's facts in
 * the extension {@value #EXTENSION}. Written by the server (as the system, through the write pipeline); read by
 * {@code $interim} to spend α at the recorded information fractions.
 */
@Component
class RecordedLooks {

	static final String SYSTEM = "http://trialfhir.org/fhir/CodeSystem/trial-interim";
	static final String CODE = "interim-look";
	static final String IDENTIFIER_SYSTEM = "http://trialfhir.org/fhir/interim-look";
	static final String EXTENSION = "http://trialfhir.org/fhir/StructureDefinition/interim-look";
	private static final int MAX_LOOKS = 100;

	private final DaoRegistry daos;

	RecordedLooks(DaoRegistry daos) {
		this.daos = daos;
	}

	/** The recorded looks of the study, in look order. */
	List<RecordedLook> of(String studyId) {
		SearchParameterMap map = SearchParameterMap.newSynchronous(Basic.SP_SUBJECT,
				new ReferenceParam("ResearchStudy/" + studyId));
		map.add(Basic.SP_CODE, new TokenParam(SYSTEM, CODE));
		map.setLoadSynchronousUpTo(MAX_LOOKS);
		List<RecordedLook> looks = new ArrayList<>();
		for (IBaseResource resource : daos.getResourceDao(Basic.class).search(map, new SystemRequestDetails())
				.getAllResources()) {
			looks.add(read((Basic) resource));
		}
		looks.sort(Comparator.comparingInt(RecordedLook::look));
		return looks;
	}

	/** Stores the look; 409 when the study already has it. */
	RecordedLook record(InterimResult result) {
		String identifier = result.studyId() + "-look-" + result.look();
		Basic basic = new Basic();
		basic.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue(identifier);
		basic.getCode().addCoding().setSystem(SYSTEM).setCode(CODE).setDisplay("Interim look (group-sequential)");
		basic.setSubject(new Reference("ResearchStudy/" + result.studyId()));
		Instant now = Instant.now();
		basic.setCreatedElement(new DateType(Date.from(now)));
		Extension look = basic.addExtension().setUrl(EXTENSION);
		look.addExtension("look", new IntegerType(result.look()));
		look.addExtension("information-fraction", new DecimalType(result.informationFraction()));
		look.addExtension("mortality-day", new IntegerType(result.outcomes().mortalityDay()));
		look.addExtension("subjects-with-outcome", new IntegerType(result.outcomes().withOutcome()));
		look.addExtension("critical-value", Double.isInfinite(result.current().z()) ? null
				: new DecimalType(result.current().z()));
		look.addExtension("alpha-spent", new DecimalType(result.current().alphaSpent()));
		look.getExtension().removeIf(e -> e.getValue() == null);
		// arm-level facts only for an open-label study: Basic is readable by every reader of the server
		if (result.statistic() != null && result.statistic().z() != null && !result.blinded()) {
			look.addExtension("z", new DecimalType(result.statistic().z()));
		}
		DaoMethodOutcome outcome = daos.getResourceDao(Basic.class).create(basic,
				"Basic?identifier=" + IDENTIFIER_SYSTEM + "|" + identifier, new SystemRequestDetails());
		if (!Boolean.TRUE.equals(outcome.getCreated())) {
			throw new TrialFhirException(TrialFhirException.Kind.CONFLICT, "look " + result.look() + " of ResearchStudy/"
					+ result.studyId() + " is already recorded (" + outcome.getId().toUnqualifiedVersionless().getValue()
					+ ")", "look");
		}
		return new RecordedLook(outcome.getId().getIdPart(), result.look(), result.informationFraction(),
				look.getExtensionByUrl("z") == null ? null : result.statistic().z(), now);
	}

	/** A stored look; a Basic with this code that is not one (e.g. written by hand) is a 422 naming it. */
	private static RecordedLook read(Basic basic) {
		Extension look = basic.getExtensionByUrl(EXTENSION);
		Extension number = look == null ? null : look.getExtensionByUrl("look");
		Extension fraction = look == null ? null : look.getExtensionByUrl("information-fraction");
		Extension z = look == null ? null : look.getExtensionByUrl("z");
		if (number == null || !(number.getValue() instanceof IntegerType lookNumber) || lookNumber.getValue() == null
				|| fraction == null || !(fraction.getValue() instanceof DecimalType rate) || rate.getValue() == null
				|| (z != null && !(z.getValue() instanceof DecimalType))) {
			throw TrialFhirException.unprocessable("Basic/" + basic.getIdElement().getIdPart() + " is coded as an "
					+ "interim look but lacks its extension " + EXTENSION + " with look and information-fraction; "
					+ "correct or delete it");
		}
		return new RecordedLook(basic.getIdElement().getIdPart(), lookNumber.getValue(), rate.getValue().doubleValue(),
				z == null ? null : ((DecimalType) z.getValue()).getValue().doubleValue(),
				basic.getCreated() == null ? null : basic.getCreated().toInstant());
	}
}
