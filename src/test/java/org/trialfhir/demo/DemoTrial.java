package org.trialfhir.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.context.ApplicationContext;
import org.trialfhir.bulkimport.ServerImports;
import org.trialfhir.derive.PendingDerivations;
import org.trialfhir.hapisql.Enrolments;

/**
 * Loads the demo trial into the test server as the demo profile does at its start, through {@code $import}, at the
 * tests' size ({@link #TEST_SIZE}: the pilot's seed, ratio and 10 days, fewer subjects, so that the shared test server
 * loads it in a fraction of the time); every test loads the same trial, so only the first one imports it.
 */
public final class DemoTrial {

	/** The pilot's seed, allocation ratio and days; 6 subjects (both arms) instead of 42. */
	static final DemoDataProperties TEST_SIZE = new DemoDataProperties(true, 6, 10, 1L, "18:24");

	private DemoTrial() {}

	public static void load(ApplicationContext context) throws Exception {
		loader(context, new DemoHealthIndicator()).load();
	}

	static DemoDataLoader loader(ApplicationContext context, DemoHealthIndicator readiness) {
		@SuppressWarnings("unchecked")
		IFhirSystemDao<Bundle, Meta> systemDao = context.getBean(IFhirSystemDao.class);
		return new DemoDataLoader(context.getBean(FhirContext.class), systemDao, context.getBean(ServerImports.class),
				context.getBean(Enrolments.class), context.getBean(PendingDerivations.class), readiness, TEST_SIZE);
	}
}
