package org.trialfhir.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.boot.DefaultApplicationArguments;

/** Loads the demo trial into the test server as the demo profile does at its start (for tests of other packages). */
public final class DemoTrial {

	private DemoTrial() {}

	public static void load(FhirContext fhirContext, IFhirSystemDao<Bundle, Meta> systemDao) throws Exception {
		new DemoDataLoader(fhirContext, systemDao, new DemoDataProperties(true, null)).run(new DefaultApplicationArguments());
	}
}
