package org.trialfhir.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Small builders for FHIR datatypes; times are written with the site's offset, never the JVM's zone. */
final class FhirValues {
	static final String UCUM = "http://unitsofmeasure.org";
	private static final DateTimeFormatter DATE_TIME =
			DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

	private FhirValues() {
	}

	static DateTimeType dateTime(Instant instant, ZoneId zone) {
		return new DateTimeType(DATE_TIME.format(instant.atZone(zone)));
	}

	static Period period(Instant start, Instant end, ZoneId zone) {
		Period period = new Period().setStartElement(dateTime(start, zone));
		if (end != null) {
			period.setEndElement(dateTime(end, zone));
		}
		return period;
	}

	static Quantity ucum(BigDecimal value, String unit) {
		return new Quantity().setValue(value).setUnit(unit).setSystem(UCUM).setCode(unit);
	}

	static CodeableConcept concept(String system, String code, String text) {
		CodeableConcept concept = new CodeableConcept().setText(text);
		concept.addCoding().setSystem(system).setCode(code);
		return concept;
	}

	static Reference ref(String type, String id) {
		return new Reference(type + "/" + id);
	}
}
