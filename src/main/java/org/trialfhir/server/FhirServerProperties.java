package org.trialfhir.server;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The FHIR REST endpoint.
 *
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize the largest {@code _count} honoured
 * @param maxRequestSize bodies larger than this are refused with 413
 */
@Validated
@ConfigurationProperties("trialfhir.server")
public record FhirServerProperties(@Min(1) Integer defaultPageSize, @Min(1) Integer maxPageSize, DataSize maxRequestSize) {

	public FhirServerProperties {
		defaultPageSize = defaultPageSize == null ? 20 : defaultPageSize;
		maxPageSize = maxPageSize == null ? 1000 : maxPageSize;
		maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(20) : maxRequestSize;
	}
}
