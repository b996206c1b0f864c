package org.trialfhir.interim;

import java.time.Instant;

/**
 * A look stored by {@code $interim} with {@code record=true} (a Basic resource, {@link RecordedLooks}).
 *
 * @param z the look's statistic; null when not stored (a blinded study: the stored look is readable by every reader of
 *          Basic, so it holds nothing arm-level)
 */
record RecordedLook(String id, int look, double informationFraction, Double z, Instant recorded) {
}
