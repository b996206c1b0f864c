package org.trialfhir.scoring;

/**
 * An input the mapper could not use (unit not accepted, negative value, ambiguous PT %, …). Scores that read
 * {@code variableId} carry {@link Flag#INPUT_REJECTED} and the reason as a note.
 *
 * @param variableId docs/scores-spec.md §2 id, e.g. {@code platelets}, {@code pao2} ({@code TrialVariable.id()}), or
 *                   {@code vasopressor} for an infusion rate that could not become µg/kg/min
 */
public record RejectedInput(String variableId, String source, String reason) {
}
