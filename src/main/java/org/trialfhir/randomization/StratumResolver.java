package org.trialfhir.randomization;

import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;

/**
 * The stratum of a patient: each factor from the record when it can be derived (site: the managing organization's
 * site identifier; baseline JAAM: the latest screening score within the eligibility window), else from the parameter
 * of the same name. A parameter that contradicts the record is refused rather than silently preferred.
 */
@Component
class StratumResolver {

	private final ScreeningReader reader;
	private final RandomizationProperties properties;

	StratumResolver(ScreeningReader reader, RandomizationProperties properties) {
		this.reader = reader;
		this.properties = properties;
	}

	Stratum resolve(StudyDesign design, RandomizeRequest request, Patient patient,
			Optional<ScreeningFacts.Score> screeningJaam) {
		String site = design.factors().contains(StratificationFactor.SITE) ? site(request, patient) : null;
		Integer jaam = design.factors().contains(StratificationFactor.BASELINE_JAAM) ? jaam(request, screeningJaam) : null;
		return Stratum.of(design.factors(), site, jaam, properties.jaamCutOff());
	}

	private String site(RandomizeRequest request, Patient patient) {
		Optional<String> recorded = reader.siteOf(patient);
		if (recorded.isPresent()) {
			if (request.site() != null && !request.site().equals(recorded.get())) {
				throw TrialFhirException.invalid(RandomizeRequest.location("site"), "Parameter 'site' (" + request.site()
						+ ") contradicts the site of the patient's managing organization (" + recorded.get() + ")");
			}
			return recorded.get();
		}
		if (request.site() == null) {
			throw TrialFhirException.invalid(RandomizeRequest.location("site"), "The patient's managing organization names "
					+ "no site (identifier system " + ScreeningReader.SITE_SYSTEM + "): give the stratum factor 'site'");
		}
		if (!reader.siteExists(request.site())) {
			throw TrialFhirException.invalid(RandomizeRequest.location("site"), "No Organization has the site identifier "
					+ ScreeningReader.SITE_SYSTEM + "|" + request.site());
		}
		return request.site();
	}

	private int jaam(RandomizeRequest request, Optional<ScreeningFacts.Score> screening) {
		if (screening.isPresent()) {
			ScreeningFacts.Score score = screening.get();
			if (request.baselineJaam() != null && request.baselineJaam() != score.value()) {
				throw TrialFhirException.invalid(RandomizeRequest.location("baseline-jaam"), "Parameter 'baseline-jaam' ("
						+ request.baselineJaam() + ") contradicts the latest screening JAAM DIC score " + score.value()
						+ " (Observation/" + score.observationId() + ")");
			}
			return score.value();
		}
		if (request.baselineJaam() == null) {
			throw TrialFhirException.invalid(RandomizeRequest.location("baseline-jaam"), "No screening JAAM DIC score "
					+ "is on record within the eligibility window: give the stratum factor 'baseline-jaam'");
		}
		return request.baselineJaam();
	}
}
