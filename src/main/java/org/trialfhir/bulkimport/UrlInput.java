package org.trialfhir.bulkimport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.net.URI;
import java.util.List;

/** One {@code input} of a kick-off: NDJSON of one resource type at a URL on the allow-list. */
record UrlInput(String type, URI url) {

	static String toJson(List<UrlInput> inputs) {
		try {
			return ChunkReport.JSON.writeValueAsString(inputs);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	static List<UrlInput> fromJson(String json) {
		try {
			return ChunkReport.JSON.readValue(json, new TypeReference<List<UrlInput>>() {});
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}
}
