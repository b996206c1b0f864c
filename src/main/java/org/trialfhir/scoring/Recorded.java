package org.trialfhir.scoring;

/** An eCRF (clinical) item as recorded, with the id of the record it came from (for {@code derivedFrom}). */
public record Recorded<T>(T value, String source) {

	public static <T> Recorded<T> of(T value, String source) {
		return new Recorded<>(value, source);
	}
}
