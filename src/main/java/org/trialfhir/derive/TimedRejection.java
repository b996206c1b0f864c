package org.trialfhir.derive;

import org.trialfhir.scoring.RejectedInput;

/** An input the mapper could not use, with the time it would have applied to (so only that day is flagged). */
record TimedRejection(RejectedInput input, Span span) {
}
