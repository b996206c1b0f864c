package org.trialfhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR REST endpoint at {@code /fhir}: HAPI's JPA resource providers and system provider, our operation
 * providers and REST interceptors, database-backed paging and the JPA CapabilityStatement.
 */
@Configuration(proxyBeanMethods = false)
class FhirRestfulServerConfig {

	@Bean
	RestfulServer fhirRestfulServer(
			FhirContext fhirContext,
			ResourceProviderFactory resourceProviders,
			JpaSystemProvider<Bundle, Meta> systemProvider,
			IFhirSystemDao<Bundle, Meta> systemDao,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			DatabaseBackedPagingProvider pagingProvider,
			FhirServerProperties properties,
			List<FhirOperationProvider> operationProviders,
			List<FhirRestInterceptor> interceptors) {
		fhirContext.setNarrativeGenerator(new NullNarrativeGenerator());
		RestfulServer server = new RestfulServer(fhirContext);
		server.setServerName("TrialFHIR");
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		// gzip bodies are inflated by RequestSizeLimitFilter, bounded by the size limit; HAPI's would be unbounded
		server.setUncompressIncomingContents(false);
		server.registerProviders(resourceProviders.createProviders());
		server.registerProvider(systemProvider);
		server.registerProviders(List.copyOf(operationProviders));

		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);

		JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport);
		capabilities.setImplementationDescription("TrialFHIR — rTM septic DIC trial server");
		server.setServerConformanceProvider(capabilities);

		interceptors.forEach(server::registerInterceptor);
		return server;
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
			FhirServerProperties properties, FhirContext fhirContext) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration =
				new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties, fhirContext));
		registration.addUrlPatterns("/fhir/*");
		return registration;
	}

	@Bean
	FilterRegistrationBean<QueryEncodingFilter> queryEncodingFilter(FhirContext fhirContext) {
		FilterRegistrationBean<QueryEncodingFilter> registration =
				new FilterRegistrationBean<>(new QueryEncodingFilter(fhirContext));
		registration.addUrlPatterns("/fhir/*");
		return registration;
	}

	@Bean
	ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer fhirRestfulServer) {
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(fhirRestfulServer, "/fhir/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
