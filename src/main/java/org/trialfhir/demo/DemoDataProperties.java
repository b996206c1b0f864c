package org.trialfhir.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo trial of {@code fhir-examples/demo/}.
 *
 * @param load load it at startup (idempotent: its bundles PUT resources by id)
 * @param location where its transaction bundles are, read in file-name order
 */
@ConfigurationProperties("trialfhir.demo")
public record DemoDataProperties(boolean load, String location) {

	public DemoDataProperties {
		location = location == null ? "classpath*:fhir-examples/demo/*.json" : location;
	}
}
