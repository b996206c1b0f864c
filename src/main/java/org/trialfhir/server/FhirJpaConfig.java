package org.trialfhir.server;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.IDaoRegistry;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * HAPI FHIR JPA storage (R4) on our DataSource: HAPI's own configuration classes plus the few beans they expect the
 * application to provide. Hibernate settings come from {@code spring.jpa.properties.*}.
 *
 * <p>Hibernate Search is off ({@code hibernate.search.enabled=false}), so there is no full-text service: HAPI's
 * {@link HapiJpaConfig} is not imported, as it always declares one ({@code FulltextSearchSvcImpl}), and HAPI takes
 * the presence of that bean for a working Hibernate Search. Its terminology service then expanded every ValueSet on a
 * CodeSystem stored in the server through Hibernate Search: {@code Observation?code:in=} on a trial ValueSet answered
 * 500 and each scheduled pre-expansion logged an ERROR per such ValueSet. Without the bean HAPI expands them from its
 * concept tables ({@code _content}/{@code _text} searches still answer 400). The other beans of {@link HapiJpaConfig}
 * are declared here.
 */
@Configuration(proxyBeanMethods = false)
@Import({
	JpaR4Config.class,
	JpaConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	ThreadPoolFactoryConfig.class,
	SubscriptionChannelConfig.class // batch2 needs its IBrokerClient
})
class FhirJpaConfig {

	@Bean
	JpaStorageSettings storageSettings(FhirServerProperties server) {
		JpaStorageSettings settings = new JpaStorageSettings();
		settings.setAllowExternalReferences(false);
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setEnforceReferentialIntegrityOnDelete(true);
		settings.setAllowMultipleDelete(false);
		settings.setDeleteEnabled(true);
		settings.setExpungeEnabled(false);
		settings.setAllowContainsSearches(false);
		settings.setIndexMissingFields(JpaStorageSettings.IndexEnabledEnum.DISABLED);
		settings.setMarkResourcesForReindexingUponSearchParameterChange(true);
		settings.setDefaultSearchParamsCanBeOverridden(true);
		settings.setUniqueIndexesEnabled(true);
		// leave unique-index duplicates to the database constraint: a race then fails with a retryable conflict
		// (ingest/push), where HAPI's pre-check would answer 412 to the loser of two identical parallel pushes
		settings.setUniqueIndexesCheckedBeforeSave(false);
		settings.setFetchSizeDefaultMaximum(server.maxPageSize() * 100);
		// a batch's GET entries run on the request's own thread, where its token is: on HAPI's pool they would be
		// checked without it (401), and the blind and scopes are decided per token
		settings.setBundleBatchPoolSize(1);
		// a Coding's display is not indexed as a string for the :text modifier, which no trial search uses
		// (docs/search.md): one string index row less per coded element and write; :text answers 405
		settings.setSuppressStringIndexingInTokens(true);
		return settings;
	}

	@Bean
	IStaleSearchDeletingSvc staleSearchDeletingSvc() {
		return new StaleSearchDeletingSvcImpl();
	}

	@Bean
	DatabaseBackedPagingProvider databaseBackedPagingProvider() {
		return new DatabaseBackedPagingProvider();
	}

	@Bean
	IResourceSupportedSvc resourceSupportedSvc(IDaoRegistry daoRegistry) {
		return new DaoRegistryResourceSupportedSvc(daoRegistry);
	}

	@Bean(name = "myResourceCountsCache")
	ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
		return ResourceCountCacheUtil.newResourceCountCache(systemDao);
	}

	@Bean
	PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Bean
	SubscriptionSettings subscriptionSettings() {
		return new SubscriptionSettings();
	}

	@Bean
	@Primary
	LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			DataSource dataSource,
			JpaProperties jpaProperties) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		Properties properties = new Properties();
		properties.put("hibernate.dialect", HapiFhirPostgresDialect.class.getName());
		// the schema is migrated before the DataSource is handed out (StartupLock, DatabaseMigrations): Hibernate only
		// checks that it matches HAPI's entities
		properties.put("hibernate.hbm2ddl.auto", "validate");
		properties.put("hibernate.search.enabled", "false");
		properties.putAll(jpaProperties.getProperties());
		factory.setJpaProperties(properties);
		return factory;
	}

	@Bean
	@Primary
	JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}
}
