package org.trialfhir.simulator;

import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Resource;

/** Bulk-data style output: one {@code <Type>.ndjson} file per resource type, one resource per line. */
final class NdjsonWriter implements ResourceSink, AutoCloseable {
	private final Path directory;
	private final IParser parser;
	private final Map<String, BufferedWriter> writers = new TreeMap<>();

	NdjsonWriter(Path directory, IParser parser) {
		this.directory = directory;
		this.parser = parser;
	}

	@Override
	public void accept(Resource resource) {
		String type = resource.getResourceType().name();
		try {
			BufferedWriter writer = writers.get(type);
			if (writer == null) {
				Files.createDirectories(directory);
				writer = Files.newBufferedWriter(directory.resolve(type + ".ndjson"), StandardCharsets.UTF_8);
				writers.put(type, writer);
			}
			writer.write(parser.encodeResourceToString(resource));
			writer.write('\n');
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		IOException failure = null;
		for (BufferedWriter writer : writers.values()) {
			try {
				writer.close();
			} catch (IOException e) {
				failure = e;
			}
		}
		if (failure != null) {
			throw new UncheckedIOException(failure);
		}
	}
}
