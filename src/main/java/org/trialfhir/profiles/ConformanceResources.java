package org.trialfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

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
		List<String> names = ClasspathJsonFiles.list(loader, FOLDER);
		if (names.isEmpty()) {
			throw new IllegalStateException("no " + FOLDER + "/*.json on the classpath (run mvn process-resources)");
		}
		return new ConformanceResources(names.stream().map(n -> parse(loader, parser, n)).toList());
	}

	private static IBaseResource parse(ClassLoader loader, IParser parser, String name) {
		try (InputStream in = loader.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("cannot read " + name);
			}
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
