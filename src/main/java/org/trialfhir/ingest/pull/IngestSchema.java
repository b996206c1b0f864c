package org.trialfhir.ingest.pull;

import jakarta.annotation.PostConstruct;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/** Creates the pull's own tables ({@code db/ingest.sql}, idempotent) when the server starts. */
@Component
class IngestSchema {

	private final DataSource dataSource;

	IngestSchema(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@PostConstruct
	void create() {
		new ResourceDatabasePopulator(new ClassPathResource("db/ingest.sql")).execute(dataSource);
	}
}
