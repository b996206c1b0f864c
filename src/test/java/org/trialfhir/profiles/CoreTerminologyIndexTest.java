package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.profiles.SharedValidator.CTX;

import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/**
 * The index of the specification's terminology finds, for every ValueSet and CodeSystem URL, the very resource that
 * parsing the bundles whole gives (the last bundle holding a URL wins, as a map filled in bundle order does).
 */
class CoreTerminologyIndexTest {

	private static final List<String> BUNDLES = List.of("/org/hl7/fhir/r4/model/valueset/valuesets.xml",
			"/org/hl7/fhir/r4/model/valueset/v2-tables.xml", "/org/hl7/fhir/r4/model/valueset/v3-codesystems.xml");

	private final IParser xml = CTX.newXmlParser().setParserErrorHandler(new LenientErrorHandler(false));
	private final IParser json = CTX.newJsonParser();

	@Test
	void everySliceHoldsTheResourceTheWholeBundleHasForItsUrl() throws IOException {
		CoreTerminologyIndex index = CoreTerminologyIndex.scan(BUNDLES);
		Map<String, MetadataResource> whole = new LinkedHashMap<>();
		Map<String, String> text = new LinkedHashMap<>();
		for (String bundle : BUNDLES) {
			try (InputStream in = getClass().getResourceAsStream(bundle)) {
				text.put(bundle, new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			for (var entry : xml.parseResource(Bundle.class, text.get(bundle)).getEntry()) {
				if ((entry.getResource() instanceof ValueSet || entry.getResource() instanceof CodeSystem)
						&& ((MetadataResource) entry.getResource()).hasUrl()) {
					var resource = (MetadataResource) entry.getResource();
					whole.put(resource.fhirType() + " " + resource.getUrl(), resource);
				}
			}
		}

		assertThat(index.size()).isEqualTo(whole.size()).isGreaterThan(2000);
		List<String> checkedThroughTheIndexOwnRead = new ArrayList<>();
		whole.forEach((key, expected) -> {
			String url = expected.getUrl();
			CoreTerminologyIndex.Slice slice = expected instanceof ValueSet ? index.valueSet(url) : index.codeSystem(url);
			assertThat(slice).as(key).isNotNull();
			// every slice, cut from the file's text in memory (reading the file up to each of 2,400 slices would take
			// minutes) ...
			String cut = text.get(slice.classpath()).substring(Math.toIntExact(slice.start()),
					Math.toIntExact(slice.end()));
			assertThat(json.encodeResourceToString(xml.parseResource(cut))).as(key)
					.isEqualTo(json.encodeResourceToString(expected));
		});
		// ... and the index's own read for the first, a middle and the last resource of each bundle
		for (String bundle : BUNDLES) {
			List<MetadataResource> ofBundle = whole.values().stream()
					.filter(r -> slice(index, r).classpath().equals(bundle)).toList();
			for (MetadataResource expected : List.of(ofBundle.get(0), ofBundle.get(ofBundle.size() / 2),
					ofBundle.get(ofBundle.size() - 1))) {
				assertThat(json.encodeResourceToString(slice(index, expected).parse(xml))).as(expected.getUrl())
						.isEqualTo(json.encodeResourceToString(expected));
				checkedThroughTheIndexOwnRead.add(expected.getUrl());
			}
		}
		assertThat(checkedThroughTheIndexOwnRead).hasSize(9);
	}

	@Test
	void aUrlOfNoBundleIsNotFound() {
		CoreTerminologyIndex index = CoreTerminologyIndex.scan(BUNDLES);

		assertThat(index.valueSet("http://example.org/ValueSet/none")).isNull();
		assertThat(index.codeSystem("http://hl7.org/fhir/ValueSet/administrative-gender")).isNull();
		assertThat(index.valueSet("http://hl7.org/fhir/ValueSet/administrative-gender")).isNotNull();
	}

	private static CoreTerminologyIndex.Slice slice(CoreTerminologyIndex index, MetadataResource resource) {
		return resource instanceof ValueSet ? index.valueSet(resource.getUrl()) : index.codeSystem(resource.getUrl());
	}
}
