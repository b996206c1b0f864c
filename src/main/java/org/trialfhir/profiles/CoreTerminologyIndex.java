package org.trialfhir.profiles;

import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Where each ValueSet and CodeSystem of the specification's terminology bundles lies in its file: one streaming pass
 * over the XML records, per canonical URL, the characters its resource spans, so that a resource is parsed from its
 * own slice when validation first asks for it. Nothing of the ~2,400 resources is held in between: parsing the
 * bundles whole at the first code checked allocated ~375 MB and held tens of MB at once during the server's
 * start-up (docs/benchmarks.md, "Memory: where TrialFHIR's goes, and when the peak is reached").
 */
final class CoreTerminologyIndex {

	/** Characters [start, end) of one resource element in a bundle file on the classpath. */
	record Slice(String classpath, long start, long end) {

		/** Reads the file up to the slice (decoded and dropped in small buffers) and parses the slice alone. */
		IBaseResource parse(IParser xml) {
			try (Reader in = open(classpath)) {
				for (long skipped = 0; skipped < start;) {
					long n = in.skip(start - skipped);
					if (n <= 0) {
						throw new IOException("ends before character " + start);
					}
					skipped += n;
				}
				char[] text = new char[Math.toIntExact(end - start)];
				for (int read = 0; read < text.length;) {
					int n = in.read(text, read, text.length - read);
					if (n < 0) {
						throw new IOException("ends before character " + end);
					}
					read += n;
				}
				return xml.parseResource(new String(text));
			} catch (IOException e) {
				throw new UncheckedIOException(classpath, e);
			}
		}
	}

	private final Map<String, Slice> valueSets;
	private final Map<String, Slice> codeSystems;

	private CoreTerminologyIndex(Map<String, Slice> valueSets, Map<String, Slice> codeSystems) {
		this.valueSets = valueSets;
		this.codeSystems = codeSystems;
	}

	/** Scans the bundles in order; a URL met again in a later bundle takes that bundle's resource. */
	static CoreTerminologyIndex scan(List<String> bundles) {
		Map<String, Slice> valueSets = new HashMap<>();
		Map<String, Slice> codeSystems = new HashMap<>();
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		for (String bundle : bundles) {
			try (Reader in = open(bundle)) {
				scan(factory.createXMLStreamReader(in), bundle, valueSets, codeSystems);
			} catch (IOException e) {
				throw new UncheckedIOException(bundle, e);
			} catch (XMLStreamException e) {
				throw new IllegalStateException(bundle + " is not a readable FHIR XML bundle", e);
			}
		}
		return new CoreTerminologyIndex(Map.copyOf(valueSets), Map.copyOf(codeSystems));
	}

	/**
	 * Bundle (depth 1) / entry (2) / resource (3) / the resource element (4) / its url (5): the resource's slice runs
	 * from its start tag to the start of {@code </resource>}.
	 */
	private static void scan(XMLStreamReader xml, String bundle, Map<String, Slice> valueSets,
			Map<String, Slice> codeSystems) throws XMLStreamException {
		int depth = 0;
		String type = null;
		String url = null;
		long start = -1;
		while (xml.hasNext()) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				depth++;
				if (depth == 4) {
					type = xml.getLocalName();
					url = null;
					start = xml.getLocation().getCharacterOffset();
				} else if (depth == 5 && "url".equals(xml.getLocalName())) {
					url = xml.getAttributeValue(XMLConstants.NULL_NS_URI, "value");
				}
			} else if (event == XMLStreamConstants.END_ELEMENT) {
				if (depth == 3 && type != null) {
					Slice slice = new Slice(bundle, start, xml.getLocation().getCharacterOffset());
					if (url != null && type.equals("ValueSet")) {
						valueSets.put(url, slice);
					} else if (url != null && type.equals("CodeSystem")) {
						codeSystems.put(url, slice);
					}
					type = null;
				}
				depth--;
			}
		}
	}

	Slice valueSet(String url) {
		return valueSets.get(url);
	}

	Slice codeSystem(String url) {
		return codeSystems.get(url);
	}

	int size() {
		return valueSets.size() + codeSystems.size();
	}

	private static Reader open(String classpath) {
		InputStream in = CoreTerminologyIndex.class.getResourceAsStream(classpath);
		if (in == null) {
			throw new IllegalStateException(classpath + " is not on the classpath (hapi-fhir-validation-resources-r4)");
		}
		return new InputStreamReader(in, StandardCharsets.UTF_8);
	}
}
