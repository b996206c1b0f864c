package org.trialfhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.trialfhir.server.FhirRestInterceptor;

/**
 * Keeps the arms of a blinded study from tokens without the {@code unblinded} scope: ResearchSubject.assignedArm and
 * actualArm are removed from what they read (the resource is labelled MASKED), and searching by arm is refused.
 */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BlindingInterceptor implements FhirRestInterceptor {

	private final BlindedStudies blindedStudies;

	BlindingInterceptor(BlindedStudies blindedStudies) {
		this.blindedStudies = blindedStudies;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void refuseArmSearch(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation != RestOperationTypeEnum.SEARCH_TYPE || !"ResearchSubject".equals(request.getResourceName())
				|| isUnblinded()) {
			return;
		}
		Map<String, String[]> parameters = request.getParameters();
		boolean byArm = parameters.keySet().stream().anyMatch(name -> name.startsWith("assigned-arm"));
		if (byArm && blindedStudies.anyBlinded()) {
			throw new ForbiddenOperationException("Searching ResearchSubject by assigned-arm is not allowed without the "
					+ "'unblinded' scope while a blinded study exists");
		}
	}

	@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
	public void maskArms(IPreResourceShowDetails shown, RequestDetails request) {
		if (request == null || request.getServer() == null || isUnblinded()) {
			return;
		}
		Map<String, Boolean> blindedByStudy = new HashMap<>(); // one read per study, not per subject
		for (int i = 0; i < shown.size(); i++) {
			IBaseResource resource = shown.getResource(i);
			if (resource instanceof ResearchSubject subject && (subject.hasAssignedArm() || subject.hasActualArm())
					&& blindedByStudy.computeIfAbsent(subject.getStudy().getReference(),
							study -> blindedStudies.isBlinded(subject.getStudy()))) {
				shown.setResource(i, ArmMasking.mask(subject));
			}
		}
	}

	private static boolean isUnblinded() {
		return CurrentToken.get().map(token -> token.grants().isUnblinded()).orElse(false);
	}
}
