package org.trialfhir.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on a HAPI {@code @Operation} method of ours, that calling it needs the operation scope
 * {@code <context>/<ResourceType or *>.$<name>}. Every custom operation method must carry it: the server refuses to
 * start otherwise ({@link OperationAccessRegistry}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface OperationAccess {

	/** The operation name, with or without the leading {@code $}. */
	String value();
}
