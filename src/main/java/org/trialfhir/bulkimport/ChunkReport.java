package org.trialfhir.bulkimport;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * What came of one chunk: per resource type how many lines were created and updated (an unchanged resource counts as
 * updated: HAPI answers both 200), and each line that was not written, with its line number and an OperationOutcome
 * saying what and where. Stored as JSON with the chunk's done mark.
 */
final class ChunkReport {

	static final ObjectMapper JSON = new ObjectMapper();

	/** Created and updated lines of one type. */
	static final class Counts {
		int created;
		int updated;
	}

	/** A line that was not written, and why. */
	record LineError(String source, int line, String type, JsonNode outcome) {}

	private final int seq;
	private final String source;
	private final Map<String, Counts> counts = new TreeMap<>();
	private final List<LineError> errors = new ArrayList<>();

	ChunkReport(int seq, String source) {
		this.seq = seq;
		this.source = source;
	}

	void written(String type, Bundle.BundleEntryComponent response) {
		Counts of = counts.computeIfAbsent(type, t -> new Counts());
		if (response.getResponse().getStatus() != null && response.getResponse().getStatus().startsWith("201")) {
			of.created++;
		} else {
			of.updated++;
		}
	}

	void error(int line, String type, OperationOutcome outcome) {
		try {
			errors.add(new LineError(source, line, type,
					JSON.readTree(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome))));
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The same line errors, no writes: for writing the chunk again line by line. */
	ChunkReport withoutWrites() {
		ChunkReport copy = new ChunkReport(seq, source);
		copy.errors.addAll(errors);
		return copy;
	}

	int seq() {
		return seq;
	}

	String source() {
		return source;
	}

	Map<String, Counts> counts() {
		return counts;
	}

	List<LineError> errors() {
		return errors;
	}

	String toJson() {
		ObjectNode root = JSON.createObjectNode().put("seq", seq).put("source", source);
		ObjectNode byType = root.putObject("counts");
		counts.forEach((type, of) -> byType.putObject(type).put("created", of.created).put("updated", of.updated));
		ArrayNode lines = root.putArray("errors");
		errors.stream().sorted(java.util.Comparator.comparingInt(LineError::line)).forEach(error -> lines.addObject()
				.put("line", error.line()).put("type", error.type()).set("outcome", error.outcome()));
		return root.toString();
	}

	static ChunkReport fromJson(String json) {
		try {
			JsonNode root = JSON.readTree(json);
			ChunkReport report = new ChunkReport(root.path("seq").asInt(), root.path("source").asText());
			root.path("counts").fields().forEachRemaining(field -> {
				Counts of = report.counts.computeIfAbsent(field.getKey(), t -> new Counts());
				of.created = field.getValue().path("created").asInt();
				of.updated = field.getValue().path("updated").asInt();
			});
			root.path("errors").forEach(error -> report.errors.add(new LineError(report.source,
					error.path("line").asInt(), error.path("type").isNull() ? null : error.path("type").asText(null),
					error.path("outcome"))));
			return report;
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("a chunk report that is not JSON: " + e.getMessage(), e);
		}
	}
}
