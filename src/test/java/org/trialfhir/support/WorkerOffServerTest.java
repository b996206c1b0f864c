package org.trialfhir.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The real server with the background score re-derivation worker off, so that scores are derived only when a test
 * asks ({@code $derive-scores}, or {@code $analyze} finishing its study's pending re-derivations) — never behind its
 * back. One more server context, shared by every test that uses it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TrialFhirServerTest
@TestPropertySource(properties = "trialfhir.scoring.recompute.enabled=false")
public @interface WorkerOffServerTest {}
