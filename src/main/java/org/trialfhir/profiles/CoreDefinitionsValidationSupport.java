package org.trialfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.util.ClasspathUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * found through an index of where each lies in its bundle ({@link CoreTerminologyIndex}) and parsed from there when
 * first asked for by URL.</li>
 * </ul>
 */
final class CoreDefinitionsValidationSupport implements IValidationSupport {

	/** Where HAPI's R4 structures jar keeps the specification's ValueSets and CodeSystems, read in this order. */
	private static final List<String> TERMINOLOGY_BUNDLES = List.of("/org/hl7/fhir/r4/model/valueset/valuesets.xml",
			"/org/hl7/fhir/r4/model/valueset/v2-tables.xml", "/org/hl7/fhir/r4/model/valueset/v3-codesystems.xml");

	private static final String CORE_PACKAGE = "hl7.fhir.r4.core";
	private static final String STORAGE_RESPONSE_CODES = "https://hapifhir.io/fhir/CodeSystem/hapi-fhir-storage-response-code";
	private static final String STORAGE_RESPONSE_CODES_JSON = "ca/uhn/fhir/context/support/HapiFhirStorageResponseCode.json";

	private final FhirContext ctx;
	private final DefaultProfileValidationSupport core;
	private volatile List<IBaseResource> baseDefinitions;
	private volatile CoreTerminologyIndex terminology;
	private final Map<String, IBaseResource> parsed = new ConcurrentHashMap<>();

	CoreDefinitionsValidationSupport(FhirContext ctx) {
		this.ctx = ctx;
		this.core = new DefaultProfileValidationSupport(ctx);
	}

	/**
	 * Where the specification's ValueSets and CodeSystems lie in their bundles: scanned on the first code checked
	 * against one (as HAPI's default support reads them then), not at every start.
	 */
	private CoreTerminologyIndex terminology() {
		CoreTerminologyIndex result = terminology;
		if (result == null) {
			synchronized (this) {
				result = terminology;
				if (result == null) {
					result = CoreTerminologyIndex.scan(TERMINOLOGY_BUNDLES);
					terminology = result;
				}
			}
		}
		return result;
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
		return fetchParsed("ValueSet", url);
	}

	@Override
	public IBaseResource fetchCodeSystem(String system) {
		if (STORAGE_RESPONSE_CODES.equals(withoutVersion(system))) {
			return parsed.computeIfAbsent("CodeSystem " + STORAGE_RESPONSE_CODES, key -> storageResponseCodes());
		}
		return fetchParsed("CodeSystem", system);
	}

	/** Every core ValueSet and CodeSystem parsed (nothing in validation asks for them all; slow, and not kept). */
	@Override
	public List<IBaseResource> fetchAllConformanceResources() {
		IParser xml = xmlParser();
		Map<String, IBaseResource> terminologyByUrl = new LinkedHashMap<>();
		for (String bundle : TERMINOLOGY_BUNDLES) {
			for (Bundle.BundleEntryComponent entry : parseBundle(xml, bundle).getEntry()) {
				if ((entry.getResource() instanceof ValueSet || entry.getResource() instanceof CodeSystem)
						&& ((MetadataResource) entry.getResource()).hasUrl()) {
					MetadataResource resource = (MetadataResource) markedAsCore((Resource) entry.getResource());
					terminologyByUrl.put(resource.fhirType() + " " + resource.getUrl(), resource);
				}
			}
		}
		var all = new ArrayList<IBaseResource>(core.fetchAllStructureDefinitions());
		all.addAll(terminologyByUrl.values());
		all.add(storageResponseCodes());
		return all;
	}

	/**
	 * The resource of that canonical URL, parsed from its slice of the bundle on the first request and kept; a version
	 * after {@code |} is ignored, as HAPI does for the specification's own URLs (all of them under hl7.org).
	 */
	private IBaseResource fetchParsed(String type, String canonical) {
		if (canonical == null) {
			return null;
		}
		String url = withoutVersion(canonical);
		CoreTerminologyIndex.Slice slice = type.equals("ValueSet")
				? terminology().valueSet(url)
				: terminology().codeSystem(url);
		if (slice == null) {
			return null;
		}
		return parsed.computeIfAbsent(type + " " + url, key -> markedAsCore((Resource) slice.parse(xmlParser())));
	}

	private static String withoutVersion(String canonical) {
		int bar = canonical.indexOf('|');
		return bar > 0 ? canonical.substring(0, bar) : canonical;
	}

	/** HAPI's own CodeSystem of storage response codes, which HAPI's default support serves beside the specification's. */
	private IBaseResource storageResponseCodes() {
		return markedAsCore((Resource) ctx.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false))
				.parseResource(ClasspathUtil.loadResource(STORAGE_RESPONSE_CODES_JSON)));
	}

	/** What DefaultProfileValidationSupport marks on everything it serves. */
	private static Resource markedAsCore(Resource resource) {
		resource.setUserData(DefaultProfileValidationSupport.SOURCE_PACKAGE_ID, CORE_PACKAGE);
		return resource;
	}

	/** How many core resources of that type ("ValueSet", "CodeSystem") have been parsed and are kept. */
	long parsedCount(String type) {
		return parsed.keySet().stream().filter(key -> key.startsWith(type + " ")).count();
	}

	/** How many core ValueSets and CodeSystems are kept in memory, in any form: the parsed ones; the index holds none. */
	int terminologyHeld() {
		return parsed.size();
	}

	/** How many core ValueSets and CodeSystems the index can find by URL (none held until asked for). */
	int terminologyIndexed() {
		return terminology().size();
	}

	private IParser xmlParser() {
		return ctx.newXmlParser().setParserErrorHandler(new LenientErrorHandler(false));
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
}
