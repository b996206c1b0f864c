package org.trialfhir.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;

/**
 * The write pipeline's {@code authorize} step, for every write whichever door it came through: a client that may not
 * read the arms cannot set or change one (the blind), and a write that creates — also a conditional update or a
 * transaction PUT that finds nothing — needs the create permission on the type. The interaction itself was
 * authorized when the request arrived ({@link ScopeAuthorizationInterceptor}).
 */
@Component
class AuthorizeWrite implements WriteStep {

	private final BlindingPolicy policy;

	AuthorizeWrite(BlindingPolicy policy) {
		this.policy = policy;
	}

	@Override
	public String name() {
		return "authorize";
	}

	@Override
	public void beforeStore(WriteContext write) {
		// the blind first: a randomized subject's guard must not answer a blinded client's guess at an arm
		switch (write.kind()) {
			case CREATE -> {
				if (write.resource() instanceof ResearchSubject subject && !policy.mayReadArms(write.request())) {
					policy.checkCreate(subject);
				}
				if (ScopeAuthorizationInterceptor.isClientWrite(write.request())) {
					ScopeAuthorizationInterceptor.require(
							ScopeAuthorizationInterceptor.grants().allows(write.resource().fhirType(), Interaction.CREATE),
							RestOperationTypeEnum.CREATE, write.resource().fhirType());
				}
			}
			case UPDATE -> {
				if (write.previous() instanceof ResearchSubject before && write.resource() instanceof ResearchSubject after
						&& !policy.mayReadArms(write.request())) {
					policy.checkUpdate(before, after);
				}
			}
			case DELETE -> {}
		}
	}
}
