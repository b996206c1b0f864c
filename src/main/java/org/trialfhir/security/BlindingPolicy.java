package org.trialfhir.security;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;

/**
 * The blind, decided in one place. A blinded study's arms (ResearchSubject.assignedArm and actualArm) are seen only by
 * the server itself and by tokens with the {@code unblinded} scope. Every door asks this policy: responses are masked
 * ({@link BlindingInterceptor}), searches and subject writes are checked in storage ({@link BlindingStorageGuard}),
 * {@code $randomize} and {@code $analyze} ask {@link #armsHiddenFromCurrentToken}.
 */
@Component
public class BlindingPolicy {

	private final BlindedStudies studies;
	private final ISearchParamRegistry searchParameters;

	BlindingPolicy(BlindedStudies studies, ISearchParamRegistry searchParameters) {
		this.studies = studies;
		this.searchParameters = searchParameters;
	}

	/** True when the current token (the request's caller) may not see this study's arms. */
	public boolean armsHiddenFromCurrentToken(ResearchStudy study) {
		return BlindedStudies.isBlinded(study) && !currentTokenIsUnblinded();
	}

	/** The server's own work and tokens with {@code unblinded} see arms; other clients do not. */
	boolean mayReadArms(RequestDetails request) {
		return !ClientRequests.isClient(request) || currentTokenIsUnblinded();
	}

	boolean isBlinded(Reference study) {
		return studies.isBlinded(study);
	}

	/**
	 * A search that filters or sorts on an arm could tell a blinded client which subjects are in which arm (by who is
	 * listed, in which order, or whether a conditional write matched): refused while it may touch a blinded study.
	 */
	void checkSearch(String resourceType, SearchParameterMap search) {
		String armParameter = ArmSearch.armParameterIn(search, ArmSearch.armParameters(searchParameters));
		if (armParameter == null || onlyOpenLabelStudies(resourceType, search) || !studies.anyBlinded()) {
			return;
		}
		throw new ForbiddenOperationException("A search by '" + armParameter + "' (filtering, sorting, chaining or "
				+ "_has on a ResearchSubject's arm) needs the 'unblinded' scope while a blinded study exists");
	}

	/** Creating a subject of a blinded study with an arm is an allocation: only $randomize or an unblinded token. */
	void checkCreate(ResearchSubject subject) {
		if (hasArm(subject) && studies.isBlinded(subject.getStudy())) {
			throw armWriteRefused(subject);
		}
	}

	/**
	 * A blinded client may update a subject of a blinded study (status, period, …) but never send an arm — any answer
	 * would tell whether it guessed right — nor move the subject to another study. The arms it was not shown are
	 * carried over from the stored version, so writing back a masked copy keeps the allocation.
	 */
	void checkUpdate(ResearchSubject previous, ResearchSubject updated) {
		if (!hasArm(previous) || !studies.isBlinded(previous.getStudy())) {
			checkCreate(updated);
			return;
		}
		if (hasArm(updated)) {
			throw armWriteRefused(updated);
		}
		if (!Objects.equals(previous.getStudy().getReference(), updated.getStudy().getReference())) {
			throw new ForbiddenOperationException("ResearchSubject/" + previous.getIdElement().getIdPart()
					+ " belongs to a blinded study: moving it to another study needs the 'unblinded' scope");
		}
		updated.setAssignedArm(previous.getAssignedArm());
		updated.setActualArm(previous.getActualArm());
		updated.getMeta().getSecurity().removeIf(label -> ArmMasking.MASKED.getCode().equals(label.getCode())
				&& ArmMasking.MASKED.getSystem().equals(label.getSystem()));
	}

	private static boolean hasArm(ResearchSubject subject) {
		return subject.hasAssignedArm() || subject.hasActualArm();
	}

	private static ForbiddenOperationException armWriteRefused(ResearchSubject subject) {
		return new ForbiddenOperationException("ResearchSubject" + (subject.getIdElement().hasIdPart() ? "/"
				+ subject.getIdElement().getIdPart() : "") + " is in a blinded study: writing assignedArm or actualArm "
				+ "needs the 'unblinded' scope (subjects are allocated by $randomize)");
	}

	/** A ResearchSubject search pinned by {@code study} to open-label studies cannot touch a blinded one. */
	private boolean onlyOpenLabelStudies(String resourceType, SearchParameterMap search) {
		if (!"ResearchSubject".equals(resourceType) || !search.containsKey("study")) {
			return false;
		}
		for (List<IQueryParameterType> or : search.get("study")) {
			boolean allOpen = or.stream().allMatch(value -> value instanceof ReferenceParam study
					&& study.getChain() == null && study.getMissing() == null && study.getIdPart() != null
					&& (study.getResourceType() == null || study.getResourceType().equals("ResearchStudy"))
					&& !studies.isBlinded(new Reference("ResearchStudy/" + study.getIdPart())));
			if (allOpen) {
				return true; // one AND clause restricting to open-label studies is enough
			}
		}
		return false;
	}

	private static boolean currentTokenIsUnblinded() {
		return CurrentToken.get().map(token -> token.grants().isUnblinded()).orElse(false);
	}
}
