package org.trialfhir.security;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.HasParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether a search, as HAPI will run it, filters or sorts on an arm. Decided on the parsed search (the
 * {@link SearchParameterMap} every JPA search passes through: REST searches, batch GET entries, conditional URLs of
 * creates, updates, deletes and references), not on how the request spelled it: a parameter name is found under any
 * modifier, inside {@code _has} (nested too), in a chain, in {@code _sort} and in {@code _filter}. The arm parameters
 * are every search parameter on ResearchSubject whose expression reaches assignedArm or actualArm, read from HAPI's
 * registry at each check, so a SearchParameter added at run time is covered too.
 */
final class ArmSearch {

	/** The names of the arm parameters, whether or not a SearchParameter defines them at the moment. */
	static final Set<String> KNOWN_ARM_PARAMETERS = Set.of("assigned-arm", "actual-arm");

	/** Expressions that reach the arm, or may reach any element (and so the arm). */
	private static final Pattern REACHES_ARM =
			Pattern.compile("assignedArm|actualArm|descendants\\(|children\\(|repeat\\(|\\*");
	private static final Pattern NAME_SEPARATORS = Pattern.compile("[:.]");
	private static final Pattern FILTER_SEPARATORS = Pattern.compile("[^A-Za-z0-9_-]+");

	private ArmSearch() {}

	static Set<String> armParameters(ISearchParamRegistry registry) {
		Set<String> names = new HashSet<>(KNOWN_ARM_PARAMETERS);
		for (RuntimeSearchParam parameter : registry.getActiveSearchParams("ResearchSubject").values()) {
			String path = parameter.getPath() == null ? "" : parameter.getPath();
			if (REACHES_ARM.matcher(path).find() || parameter.getParamType() == RestSearchParameterTypeEnum.COMPOSITE) {
				names.add(parameter.getName());
			}
		}
		return names;
	}

	/** @return the arm parameter the search names, or null when it names none */
	static String armParameterIn(SearchParameterMap search, Set<String> armParameters) {
		Set<String> names = new HashSet<>();
		for (String key : search.keySet()) {
			addNames(names, key);
			for (List<IQueryParameterType> or : search.get(key)) {
				for (IQueryParameterType value : or) {
					addNamesIn(names, key, value);
				}
			}
		}
		for (SortSpec sort = search.getSort(); sort != null; sort = sort.getChain()) {
			addNames(names, sort.getParamName());
		}
		return names.stream().filter(armParameters::contains).findFirst().orElse(null);
	}

	private static void addNamesIn(Set<String> names, String key, IQueryParameterType value) {
		if (value instanceof HasParam has) {
			addNames(names, has.getParameterName());
		} else if (value instanceof ReferenceParam reference && reference.getChain() != null) {
			addNames(names, reference.getChain());
		} else if (key.equals("_filter") && value instanceof StringParam filter) {
			names.addAll(FILTER_SEPARATORS.splitAsStream(filter.getValue()).collect(Collectors.toSet()));
		}
	}

	private static void addNames(Set<String> names, String text) {
		if (text != null) {
			NAME_SEPARATORS.splitAsStream(text.startsWith("-") ? text.substring(1) : text).forEach(names::add);
		}
	}
}
