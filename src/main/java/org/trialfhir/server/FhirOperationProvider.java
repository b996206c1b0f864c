package org.trialfhir.server;

/** Marks a Spring bean holding HAPI {@code @Operation} methods; it is registered on the FHIR endpoint. */
public interface FhirOperationProvider {}
