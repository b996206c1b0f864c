package org.trialfhir.simulator;

import java.time.ZoneId;
import java.util.List;

/**
 * A hospital site of the simulated trial. Each site reports in its own units, as real sites do, so that
 * the server's unit conversion (docs/scores-spec.md §1.3) is exercised by the demo data.
 *
 * @param code        value of the site identifier (system {@link #SYSTEM}), the key of the site settings
 * @param mrnSystem   Patient.identifier system of the hospital's medical record numbers
 * @param zone        the hospital's time zone; timestamps are written with its offset
 */
record Site(String code, String name, String mrnSystem, ZoneId zone, UnitStyle units, String mrnPrefix) {

	static final String SYSTEM = "http://trialfhir.org/fhir/sid/site";

	/** Site order: with {@code --sites N} the first N are used, so the Japanese site is always present. */
	static final List<Site> ALL = List.of(
			new Site("site-jp", "Simulated University Hospital (Japan)", "urn:oid:1.2.392.100495.20.3.51.1",
					ZoneId.of("Asia/Tokyo"), UnitStyle.JAPAN, ""),
			new Site("site-a", "Simulated Hospital A", "http://hospital-a.example/mrn",
					ZoneId.of("Europe/Berlin"), UnitStyle.SI, "A"),
			new Site("site-b", "Simulated Hospital B", "http://hospital-b.example/mrn",
					ZoneId.of("America/New_York"), UnitStyle.US, "B-"));

	static List<Site> first(int count) {
		return ALL.subList(0, count);
	}

	String organizationId() {
		return "sim-" + code;
	}
}
