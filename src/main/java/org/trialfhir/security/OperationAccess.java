package org.trialfhir.security;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** The custom operation a provider method serves, e.g. {@code "$pull"}; access to it is granted by scope. */
@Target(METHOD)
@Retention(RUNTIME)
public @interface OperationAccess {
	String value();
}
