package org.trialfhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.registry.SearchParamRegistryImpl;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.trialfhir.hapisql.ServerContents;

/**
 * Stores the trial's conformance resources (the top-level {@code profiles/} folder, packaged into the jar) in the
 * server at startup, by id, so a restart with unchanged files changes nothing and an edited file becomes a new
 * version. SearchParameters among them are indexed from then on, and so are the retirements of the built-in search
 * parameters this server does not index ({@link RetiredSearchParameters}).
 */
@Component
@Order(0)
class ConformanceResourceLoader implements ApplicationRunner {

	static final String LOCATION = "classpath*:profiles/*.json";
	/** The types of the conformance resources: a server holding only these holds no data. */
	private static final Set<String> CONFORMANCE_TYPES = Set.of("StructureDefinition", "ValueSet", "CodeSystem",
			"ConceptMap", "SearchParameter", "OperationDefinition");
	private static final Logger log = LoggerFactory.getLogger(ConformanceResourceLoader.class);

	private final FhirContext fhirContext;
	private final DaoRegistry daoRegistry;
	private final SearchParamRegistryImpl searchParamRegistry;
	private final JpaStorageSettings settings;
	private final ServerContents contents;

	ConformanceResourceLoader(FhirContext fhirContext, DaoRegistry daoRegistry,
			SearchParamRegistryImpl searchParamRegistry, JpaStorageSettings settings, ServerContents contents) {
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
		this.searchParamRegistry = searchParamRegistry;
		this.settings = settings;
		this.contents = contents;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
		Arrays.sort(files, Comparator.comparing(Resource::getFilename));
		// A new or changed SearchParameter queues a $reindex of every resource of its base types. A database without
		// data has nothing to reindex, yet the jobs would start a minute later and reindex whatever had been loaded
		// by then (seen: a first load running beside 7 reindex jobs).
		boolean reindexing = settings.isMarkResourcesForReindexingUponSearchParameterChange();
		if (reindexing && !contents.holdsResourcesOtherThan(CONFORMANCE_TYPES)) {
			settings.setMarkResourcesForReindexingUponSearchParameterChange(false);
		}
		try {
			for (Resource file : files) {
				store(parse(file));
			}
			RetiredSearchParameters.of(fhirContext).forEach(this::store);
		} finally {
			settings.setMarkResourcesForReindexingUponSearchParameterChange(reindexing);
		}
		searchParamRegistry.forceRefresh();
		log.info("Loaded {} conformance resources from profiles/ and retired {} built-in search parameters",
				files.length, RetiredSearchParameters.of(fhirContext).size());
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
