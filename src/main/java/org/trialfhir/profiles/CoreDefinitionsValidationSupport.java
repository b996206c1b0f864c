package org.trialfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.util.ClasspathUtil;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The base FHIR R4 definitions for the trial's validation chain, in place of HAPI's
 * {@link DefaultProfileValidationSupport}, keeping in memory only what validation uses:
 * <ul>
 * <li>StructureDefinitions are HAPI's own (one copy per JVM, which HAPI's JPA server loads anyway), but the list of
 * <em>all</em> of them offers only the base types and resources (derivation {@code specialization}). The
 * validator's worker context converts every definition in that list to R5 and keeps the copy; the FHIRPath engine
 * reads only the base types from it. Core extensions and constraint profiles (about 440 of 650 definitions) are
 * still served when the validator asks for them by URL, and only then converted.</li>
 * <li>ValueSets and CodeSystems of the specification (about 30 MB parsed, of which a trial write binds a dozen) are
 * held compressed and parsed when first asked for by URL.</li>
 * </ul>
 */
final class CoreDefinitionsValidationSupport implements IValidationSupport {

	/** Where HAPI's R4 structures jar keeps the specification's ValueSets and CodeSystems, read in this order. */
	private static final List<String> TERMINOLOGY_BUNDLES = List.of("/org/hl7/fhir/r4/model/valueset/valuesets.xml",
			"/org/hl7/fhir/r4/model/valueset/v2-tables.xml", "/org/hl7/fhir/r4/model/valueset/v3-codesystems.xml");

	private static final String CORE_PACKAGE = "hl7.fhir.r4.core";

	private final FhirContext ctx;
	private final DefaultProfileValidationSupport core;
	private volatile List<IBaseResource> baseDefinitions;
	private volatile Terminology terminology;
	private final Map<String, IBaseResource> parsed = new ConcurrentHashMap<>();

	CoreDefinitionsValidationSupport(FhirContext ctx) {
		this.ctx = ctx;
		this.core = new DefaultProfileValidationSupport(ctx);
	}

	/**
	 * The specification's ValueSets and CodeSystems by URL, compressed: read on the first code checked against one
	 * (as HAPI's default support does), a few seconds spent once, not at every start.
	 */
	private Terminology terminology() {
		Terminology result = terminology;
		if (result == null) {
			synchronized (this) {
				result = terminology;
				if (result == null) {
					result = Terminology.read(ctx);
					terminology = result;
				}
			}
		}
		return result;
	}

	private record Terminology(Map<String, byte[]> valueSets, Map<String, byte[]> codeSystems) {

		static Terminology read(FhirContext ctx) {
			Map<String, byte[]> valueSets = new HashMap<>();
			Map<String, byte[]> codeSystems = new HashMap<>();
			IParser xml = ctx.newXmlParser().setParserErrorHandler(new LenientErrorHandler(false));
			IParser json = ctx.newJsonParser();
			for (String bundle : TERMINOLOGY_BUNDLES) {
				for (Bundle.BundleEntryComponent entry : parseBundle(xml, bundle).getEntry()) {
					if (entry.getResource() instanceof ValueSet vs && vs.hasUrl()) {
						valueSets.put(vs.getUrl(), compress(json, vs));
					} else if (entry.getResource() instanceof CodeSystem cs && cs.hasUrl()) {
						codeSystems.put(cs.getUrl(), compress(json, cs));
					}
				}
			}
			// HAPI's own CodeSystem of storage response codes, which HAPI's default support serves beside the
			// specification's
			var storageCodes = (CodeSystem) ctx.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false))
					.parseResource(ClasspathUtil.loadResource("ca/uhn/fhir/context/support/HapiFhirStorageResponseCode.json"));
			codeSystems.put(storageCodes.getUrl(), compress(json, storageCodes));
			return new Terminology(Map.copyOf(valueSets), Map.copyOf(codeSystems));
		}
	}

	@Override
	public FhirContext getFhirContext() {
		return ctx;
	}

	@Override
	public String getName() {
		return "R4 core definitions (base types listed, the rest by URL)";
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
		List<IBaseResource> result = baseDefinitions;
		if (result == null) {
			result = core.<IBaseResource>fetchAllStructureDefinitions().stream().filter(sd -> isBaseType((StructureDefinition) sd)).toList();
			baseDefinitions = result;
		}
		return (List<T>) result;
	}

	/** None, as HAPI's default support answers (IValidationSupport's default would filter the list above). */
	@Override
	public <T extends IBaseResource> List<T> fetchAllNonBaseStructureDefinitions() {
		return null;
	}

	/**
	 * A base resource or datatype, or one of the two roots (Resource, Element): what the FHIRPath engine takes from
	 * the list of all definitions.
	 */
	static boolean isBaseType(StructureDefinition sd) {
		boolean root = !sd.hasBaseDefinition();
		return (root || sd.getDerivation() == StructureDefinition.TypeDerivationRule.SPECIALIZATION)
				&& sd.getKind() != StructureDefinition.StructureDefinitionKind.LOGICAL;
	}

	@Override
	public IBaseResource fetchStructureDefinition(String url) {
		return core.fetchStructureDefinition(url);
	}

	@Override
	public IBaseResource fetchValueSet(String url) {
		return fetchCompressed(terminology().valueSets(), "ValueSet", url);
	}

	@Override
	public IBaseResource fetchCodeSystem(String system) {
		return fetchCompressed(terminology().codeSystems(), "CodeSystem", system);
	}

	/** Every core ValueSet and CodeSystem parsed (nothing in validation asks for them all; slow, and not kept). */
	@Override
	public List<IBaseResource> fetchAllConformanceResources() {
		IParser json = ctx.newJsonParser();
		var all = new ArrayList<IBaseResource>(core.fetchAllStructureDefinitions());
		terminology().valueSets().values().forEach(bytes -> all.add(decompress(json, bytes)));
		terminology().codeSystems().values().forEach(bytes -> all.add(decompress(json, bytes)));
		return all;
	}

	/**
	 * The resource of that canonical URL; a version after {@code |} is ignored, as HAPI does for the specification's
	 * own URLs (all of them under hl7.org).
	 */
	private IBaseResource fetchCompressed(Map<String, byte[]> store, String type, String canonical) {
		if (canonical == null) {
			return null;
		}
		int bar = canonical.indexOf('|');
		String url = bar > 0 ? canonical.substring(0, bar) : canonical;
		byte[] bytes = store.get(url);
		if (bytes == null) {
			return null;
		}
		return parsed.computeIfAbsent(type + " " + url, key -> decompress(ctx.newJsonParser(), bytes));
	}

	/** How many core resources of that type ("ValueSet", "CodeSystem") have been parsed and are kept. */
	long parsedCount(String type) {
		return parsed.keySet().stream().filter(key -> key.startsWith(type + " ")).count();
	}

	private static Bundle parseBundle(IParser xml, String classpath) {
		try (InputStream in = CoreDefinitionsValidationSupport.class.getResourceAsStream(classpath)) {
			if (in == null) {
				throw new IllegalStateException(classpath + " is not on the classpath (hapi-fhir-structures-r4)");
			}
			return xml.parseResource(Bundle.class, new InputStreamReader(in, StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException(classpath, e);
		}
	}

	private static byte[] compress(IParser json, MetadataResource resource) {
		var bytes = new ByteArrayOutputStream();
		try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
			json.encodeResourceToWriter(resource, out);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	private static IBaseResource decompress(IParser json, byte[] bytes) {
		try (var in = new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(bytes)),
				StandardCharsets.UTF_8)) {
			Resource resource = (Resource) json.parseResource(in);
			// what DefaultProfileValidationSupport marks on everything it serves
			resource.setUserData(DefaultProfileValidationSupport.SOURCE_PACKAGE_ID, CORE_PACKAGE);
			return resource;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
