package org.trialfhir.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.trialfhir.server.FhirRestInterceptor;

/**
 * The blind at the REST edge: every response leaving {@code /fhir} — reads, searches, history, pages, transaction
 * and batch responses, write responses, operation results — has the arms of blinded-study subjects removed for a
 * token without {@code unblinded}, wherever the subject sits in it (a Bundle entry, a Parameters part, a contained
 * resource). PATCH of a ResearchSubject is refused for such tokens: a JSON Patch {@code test} of the arm would answer
 * the guess before anything is stored.
 */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BlindingInterceptor implements FhirRestInterceptor {

	private final BlindingPolicy policy;
	private final FhirContext fhirContext;

	BlindingInterceptor(BlindingPolicy policy, FhirContext fhirContext) {
		this.policy = policy;
		this.fhirContext = fhirContext;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void refuseSubjectPatch(RequestDetails request, RestOperationTypeEnum operation) {
		if (policy.mayReadArms(request)) {
			return;
		}
		boolean patch = operation == RestOperationTypeEnum.PATCH && "ResearchSubject".equals(request.getResourceName());
		if (!patch && (operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH)
				&& request.getResource() instanceof Bundle bundle) {
			for (int i = 0; i < bundle.getEntry().size() && !patch; i++) {
				EntryRequest entry = EntryRequest.of(i, bundle.getEntry().get(i), request.getFhirServerBase(), fhirContext);
				patch = entry.method() == Bundle.HTTPVerb.PATCH && "ResearchSubject".equals(entry.resourceType());
			}
		}
		if (patch) {
			throw new ForbiddenOperationException("PATCH of a ResearchSubject needs the 'unblinded' scope: update it "
					+ "with PUT (the arms you were not shown are kept)");
		}
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public void maskArms(RequestDetails request, ResponseDetails response) {
		if (response.getResponseResource() != null && !policy.mayReadArms(request)) {
			response.setResponseResource(mask(response.getResponseResource(), new HashMap<>()));
		}
	}

	/** The resource with every blinded subject in it masked; {@code blindedByStudy} caches one read per study. */
	private IBaseResource mask(IBaseResource resource, Map<String, Boolean> blindedByStudy) {
		if (resource instanceof ResearchSubject subject) {
			boolean blinded = (subject.hasAssignedArm() || subject.hasActualArm())
					&& blindedByStudy.computeIfAbsent(String.valueOf(subject.getStudy().getReference()),
							study -> policy.isBlinded(subject.getStudy()));
			return blinded ? ArmMasking.mask(subject) : subject;
		}
		if (resource instanceof Bundle bundle) {
			bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
					.forEach(entry -> entry.setResource((Resource) mask(entry.getResource(), blindedByStudy)));
		} else if (resource instanceof Parameters parameters) {
			parameters.getParameter().forEach(parameter -> maskParts(parameter, blindedByStudy));
		}
		if (resource instanceof DomainResource domain) {
			domain.getContained().replaceAll(contained -> (Resource) mask(contained, blindedByStudy));
		}
		return resource;
	}

	private void maskParts(Parameters.ParametersParameterComponent parameter, Map<String, Boolean> blindedByStudy) {
		if (parameter.hasResource()) {
			parameter.setResource((Resource) mask(parameter.getResource(), blindedByStudy));
		}
		parameter.getPart().forEach(part -> maskParts(part, blindedByStudy));
	}
}
