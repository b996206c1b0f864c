package org.trialfhir.derive;

import java.time.Instant;

/**
 * One clinical (eCRF) item as recorded: a trial-ecrf code, when it was recorded (null = no effective time, applies
 * to every day), its value ({@link Boolean}, or {@link org.trialfhir.scoring.OperativeStatus} for
 * {@code operative-status}) and the Observation it came from.
 */
record EcrfItem(String code, Instant time, Object value, String source) {
}
