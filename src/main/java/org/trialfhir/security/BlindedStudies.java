package org.trialfhir.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.springframework.stereotype.Component;

/** Whether a ResearchStudy is blinded: its {@code blinded} extension is true. Read from the database each time. */
@Component
public class BlindedStudies {

	public static final String BLINDED_EXTENSION = "http://trialfhir.org/fhir/StructureDefinition/blinded";

	private final DaoRegistry daoRegistry;

	BlindedStudies(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	public boolean isBlinded(Reference studyReference) {
		if (studyReference == null || !studyReference.hasReference()) {
			return false;
		}
		try {
			return isBlinded(studies().read(new IdType(studyReference.getReference()).toUnqualifiedVersionless(),
					new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}

	public static boolean isBlinded(ResearchStudy study) {
		Extension extension = study.getExtensionByUrl(BLINDED_EXTENSION);
		return extension != null && extension.getValue() instanceof BooleanType flag && flag.booleanValue();
	}

	boolean anyBlinded() {
		return studies().searchForResources(SearchParameterMap.newSynchronous(), new SystemRequestDetails()).stream()
				.anyMatch(study -> isBlinded((ResearchStudy) study));
	}

	private IFhirResourceDao<ResearchStudy> studies() {
		return daoRegistry.getResourceDao(ResearchStudy.class);
	}
}
