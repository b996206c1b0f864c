package org.trialfhir.ingest.pull.hospital;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.trialfhir.studyday.StudyDayExtension;

/** The hospital's FHIR search: Patient by identifier; Observation by patient, code, date and _lastUpdated. */
final class HospitalProviders {

	private HospitalProviders() {}

	static final class Patients implements IResourceProvider {
		private final HospitalData data;

		Patients(HospitalData data) {
			this.data = data;
		}

		@Override
		public Class<Patient> getResourceType() {
			return Patient.class;
		}

		@Search
		public List<Patient> byIdentifier(@RequiredParam(name = Patient.SP_IDENTIFIER) TokenParam identifier) {
			return data.patients().stream()
					.filter(p -> p.getIdentifier().stream().anyMatch(i -> i.getSystem().equals(identifier.getSystem())
							&& i.getValue().equals(identifier.getValue())))
					.toList();
		}
	}

	static final class Observations implements IResourceProvider {
		private final HospitalData data;

		Observations(HospitalData data) {
			this.data = data;
		}

		@Override
		public Class<Observation> getResourceType() {
			return Observation.class;
		}

		/** Always sorted by _lastUpdated (the only sort a pull asks for). */
		@Search
		public List<IBaseResource> search(
				@RequiredParam(name = Observation.SP_PATIENT) ReferenceParam patient,
				@OptionalParam(name = Observation.SP_CODE) TokenOrListParam code,
				@OptionalParam(name = Observation.SP_DATE) DateRangeParam date,
				@OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
				@Sort SortSpec sort) {
			return data.observations().stream()
					.filter(o -> ("Patient/" + patient.getIdPart()).equals(o.getSubject().getReference()))
					.filter(o -> code == null || code.getValuesAsQueryTokens().stream().anyMatch(t -> o.getCode()
							.getCoding().stream().anyMatch(c -> c.getSystem().equals(t.getSystem())
									&& c.getCode().equals(t.getValue()))))
					.filter(o -> within(date, StudyDayExtension.effectiveTime(o).map(Date::from).orElse(null)))
					.filter(o -> within(lastUpdated, o.getMeta().getLastUpdated()))
					.<IBaseResource>map(o -> o)
					.toList();
		}

		private static boolean within(DateRangeParam range, Date when) {
			if (range == null) {
				return true;
			}
			if (when == null) {
				return false;
			}
			Date lower = range.getLowerBoundAsInstant();
			Date upper = range.getUpperBoundAsInstant();
			return (lower == null || !when.before(lower)) && (upper == null || !when.after(upper));
		}
	}
}
