package org.trialfhir.server;

/**
 * Marks a Spring bean holding HAPI {@code @Hook} methods for REST pointcuts; it is registered on the FHIR endpoint
 * in {@link org.springframework.core.annotation.Order} order.
 */
public interface FhirRestInterceptor {}
