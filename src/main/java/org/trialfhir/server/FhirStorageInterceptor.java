package org.trialfhir.server;

/**
 * Marks a Spring bean holding HAPI {@code @Hook} methods for storage pointcuts: it is registered on HAPI's JPA
 * interceptor service, which sees every write and search — a client's (through any REST door) and the server's own —
 * where the REST server's interceptors see only some ({@code $meta-add} and updates inside transactions, for example,
 * are broadcast to the JPA service alone). Registered in one place, {@link StorageInterceptorRegistration}; the order
 * of hooks on one pointcut is their {@code @Hook(order)}. A check or an effect of a resource's write is a
 * {@link WriteStep} instead: only the {@link WritePipeline} hooks the per-resource write pointcuts.
 */
public interface FhirStorageInterceptor {}
