package org.trialfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The trial's conformance resources: every {@code profiles/*.json} on the classpath, one resource per file named
 * {@code <Type>-<id>.json}. Immutable once loaded.
 */
public final class ConformanceResources {

	static final String FOLDER = "profiles";

	private final List<IBaseResource> all;

	private ConformanceResources(List<IBaseResource> all) {
		this.all = List.copyOf(all);
	}

	/** Loads {@code profiles/*.json} from the classpath; fails on a file whose name does not match its content. */
	public static ConformanceResources loadFromClasspath(FhirContext ctx) {
		return load(ctx, ConformanceResources.class.getClassLoader());
	}

	static ConformanceResources load(FhirContext ctx, ClassLoader loader) {
		IParser parser = ctx.newJsonParser();
		Map<String, Resource> files = files(loader);
		if (files.isEmpty()) {
			throw new IllegalStateException("no " + FOLDER + "/*.json on the classpath (run mvn process-resources)");
		}
		return new ConformanceResources(files.entrySet().stream()
				.map(file -> parse(parser, FOLDER + "/" + file.getKey(), file.getValue())).toList());
	}

	/**
	 * The {@code *.json} files directly in {@code profiles/} of every classpath root (directory, jar or Spring Boot
	 * fat jar), by file name; where two roots hold the same name the first on the classpath wins, as for
	 * {@link ClassLoader#getResource}.
	 */
	private static Map<String, Resource> files(ClassLoader loader) {
		Map<String, Resource> byName = new TreeMap<>();
		try {
			for (Resource file : new PathMatchingResourcePatternResolver(loader)
					.getResources("classpath*:" + FOLDER + "/*.json")) {
				byName.putIfAbsent(file.getFilename(), file);
			}
		} catch (IOException e) {
			throw new UncheckedIOException("cannot list classpath folder " + FOLDER, e);
		}
		return byName;
	}

	private static IBaseResource parse(IParser parser, String name, Resource file) {
		try (InputStream in = file.getInputStream()) {
			IBaseResource resource = parser.parseResource(in);
			String expected = FOLDER + "/" + resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
			if (!expected.equals(name)) {
				throw new IllegalStateException(name + " holds " + resource.fhirType() + "/"
						+ resource.getIdElement().getIdPart() + "; rename the file to " + expected);
			}
			return resource;
		} catch (IOException e) {
			throw new UncheckedIOException(name, e);
		}
	}

	public List<IBaseResource> all() {
		return all;
	}

	public List<StructureDefinition> structureDefinitions() {
		return ofType(StructureDefinition.class);
	}

	public List<ValueSet> valueSets() {
		return ofType(ValueSet.class);
	}

	public List<CodeSystem> codeSystems() {
		return ofType(CodeSystem.class);
	}

	public List<SearchParameter> searchParameters() {
		return ofType(SearchParameter.class);
	}

	public List<OperationDefinition> operationDefinitions() {
		return ofType(OperationDefinition.class);
	}

	private <T extends IBaseResource> List<T> ofType(Class<T> type) {
		return all.stream().filter(type::isInstance).map(type::cast).toList();
	}
}
