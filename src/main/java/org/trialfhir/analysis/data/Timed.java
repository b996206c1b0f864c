package org.trialfhir.analysis.data;

import java.time.Instant;

/** One measured value of a subject, in the variable's canonical unit, at its effective time. */
record Timed(Instant time, double value) {
}
