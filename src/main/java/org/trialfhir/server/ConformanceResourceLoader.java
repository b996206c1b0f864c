package org.trialfhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.registry.SearchParamRegistryImpl;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Stores the trial's conformance resources (the top-level {@code profiles/} folder, packaged into the jar) in the
 * server at startup, by id, so a restart with unchanged files changes nothing and an edited file becomes a new
 * version. SearchParameters among them are indexed from then on.
 */
@Component
@Order(0)
class ConformanceResourceLoader implements ApplicationRunner {

	static final String LOCATION = "classpath*:profiles/*.json";
	private static final Logger log = LoggerFactory.getLogger(ConformanceResourceLoader.class);

	private final FhirContext fhirContext;
	private final DaoRegistry daoRegistry;
	private final SearchParamRegistryImpl searchParamRegistry;

	ConformanceResourceLoader(FhirContext fhirContext, DaoRegistry daoRegistry, SearchParamRegistryImpl searchParamRegistry) {
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
		this.searchParamRegistry = searchParamRegistry;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
		Arrays.sort(files, Comparator.comparing(Resource::getFilename));
		for (Resource file : files) {
			store(parse(file));
		}
		searchParamRegistry.forceRefresh();
		log.info("Loaded {} conformance resources from profiles/", files.length);
	}

	private IBaseResource parse(Resource file) throws IOException {
		try (InputStream in = file.getInputStream()) {
			return fhirContext.newJsonParser().parseResource(in);
		}
	}

	@SuppressWarnings({"unchecked", "rawtypes"})
	private void store(IBaseResource resource) {
		IFhirResourceDao dao = daoRegistry.getResourceDao(resource.getClass());
		dao.update(resource, new SystemRequestDetails());
	}
}
