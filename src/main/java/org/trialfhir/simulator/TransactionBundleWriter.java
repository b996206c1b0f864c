package org.trialfhir.simulator;

import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Resource;

/**
 * Streams a FHIR transaction Bundle to a file, one entry per line: {@code PUT Type/id} with the
 * client-assigned id, so loading the same file twice changes nothing. The entries are written as they come
 * instead of building a Bundle object, which keeps memory flat for any number of entries.
 */
final class TransactionBundleWriter implements ResourceSink, AutoCloseable {
	private final BufferedWriter writer;
	private final IParser parser;
	private boolean first = true;
	private int entries;

	TransactionBundleWriter(Path file, IParser parser) {
		this.parser = parser;
		try {
			this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
			writer.write("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[\n");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void accept(Resource resource) {
		String url = resource.getResourceType().name() + "/" + resource.getIdElement().getIdPart();
		try {
			if (!first) {
				writer.write(",\n");
			}
			first = false;
			writer.write("{\"resource\":");
			writer.write(parser.encodeResourceToString(resource));
			writer.write(",\"request\":{\"method\":\"PUT\",\"url\":\"" + url + "\"}}");
			entries++;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	int entries() {
		return entries;
	}

	@Override
	public void close() {
		try (writer) {
			writer.write("\n]}\n");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
