package org.trialfhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * The built-in search parameters this server does not index (docs/search.md): every built-in parameter of a type
 * below that is not among the type's kept ones. HAPI indexes every active search parameter of a resource at each
 * write, searched or not; a stored SearchParameter of the same base and code with status {@code retired} takes a
 * built-in one out of HAPI's registry, so it is neither indexed nor searchable (400, unknown search parameter).
 *
 * <p>Each retirement has its own url rather than the built-in's: several built-ins are shared by many types
 * ({@code clinical-encounter} is the {@code encounter} of 20 types), and storing one under the shared url would take
 * it from all of them.
 */
final class RetiredSearchParameters {

	/**
	 * Per type, the parameters that stay indexed: those the trial searches (docs/search.md says where), and
	 * {@code combo-code} and {@code combo-value-quantity}, the components of {@code combo-code-value-quantity}: HAPI
	 * indexes a composite only while its components are active. AuditEvent keeps what an auditor asks of the trail
	 * (who, from where, what, when, which interaction, how it ended); the server writes one per request.
	 */
	static final Map<String, Set<String>> KEPT = Map.of(
			"Observation", Set.of("code", "subject", "patient", "date", "identifier", "category", "status",
					"value-quantity", "combo-code-value-quantity", "combo-code", "combo-value-quantity", "derived-from"),
			"AuditEvent", Set.of("date", "type", "subtype", "action", "outcome", "entity", "entity-type", "agent",
					"agent-name", "altid", "address"));

	static final String URL_PREFIX = "http://trialfhir.org/fhir/SearchParameter/retired-";

	private RetiredSearchParameters() {}

	/** One retired SearchParameter per built-in parameter not kept, in a stable order (id {@code retired-<type>-<code>}). */
	static List<SearchParameter> of(FhirContext fhirContext) {
		return KEPT.entrySet().stream().sorted(Map.Entry.comparingByKey())
				.flatMap(kept -> fhirContext.getResourceDefinition(kept.getKey()).getSearchParams().stream()
						.filter(builtIn -> !builtIn.getName().startsWith("_"))
						.filter(builtIn -> !kept.getValue().contains(builtIn.getName()))
						.sorted(Comparator.comparing(RuntimeSearchParam::getName))
						.map(builtIn -> retired(kept.getKey(), builtIn)))
				.toList();
	}

	private static SearchParameter retired(String type, RuntimeSearchParam builtIn) {
		String id = "retired-" + type.toLowerCase(Locale.ROOT) + "-" + builtIn.getName();
		SearchParameter retired = new SearchParameter();
		retired.setId(id);
		retired.setUrl(URL_PREFIX + type + "-" + builtIn.getName());
		retired.setName(type + " " + builtIn.getName() + " (retired: not indexed here)");
		retired.setStatus(PublicationStatus.RETIRED);
		retired.setDescription("The built-in " + type + " search parameter " + builtIn.getName()
				+ " is not indexed on this server (docs/search.md).");
		retired.setCode(builtIn.getName());
		retired.addBase(type);
		retired.setType(SearchParamType.fromCode(builtIn.getParamType().getCode()));
		retired.setExpression(builtIn.getPath());
		return retired;
	}
}
