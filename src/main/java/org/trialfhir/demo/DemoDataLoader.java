package org.trialfhir.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the demo trial's transaction bundles at startup when {@code trialfhir.demo.load=true}, then a second, blinded
 * study ({@link #BLINDED_STUDY}) and the patients in screening, stamped relative to now ({@link ScreeningPatients}).
 */
@Component
@Order(100)
@ConditionalOnProperty(name = "trialfhir.demo.load", havingValue = "true")
class DemoDataLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

	/** A second, blinded study with a few subjects, so that the demo shows what a blinded user sees. */
	static final String BLINDED_STUDY = "demo/blinded-study.json";

	private final FhirContext fhirContext;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final DemoDataProperties properties;

	DemoDataLoader(FhirContext fhirContext, IFhirSystemDao<Bundle, Meta> systemDao, DemoDataProperties properties) {
		this.fhirContext = fhirContext;
		this.systemDao = systemDao;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver().getResources(properties.location());
		Arrays.sort(files, Comparator.comparing(Resource::getFilename));
		int entries = 0;
		for (Resource file : files) {
			Bundle bundle;
			try (InputStream in = file.getInputStream()) {
				bundle = fhirContext.newJsonParser().parseResource(Bundle.class, in);
			}
			systemDao.transaction(new SystemRequestDetails(), bundle);
			entries += bundle.getEntry().size();
		}
		// the blinded companion study: kept apart from fhir-examples/demo, which is the simulator's output as is
		try (InputStream in = new ClassPathResource(BLINDED_STUDY).getInputStream()) {
			systemDao.transaction(new SystemRequestDetails(), fhirContext.newJsonParser().parseResource(Bundle.class, in));
		}
		Bundle screening = ScreeningPatients.at(Instant.now());
		systemDao.transaction(new SystemRequestDetails(), screening);
		log.info("Demo trial: {} bundles, {} entries applied from {}; {} screening patients eligible now", files.length, entries,
				properties.location(), ScreeningPatients.ELIGIBLE.size());
	}
}
