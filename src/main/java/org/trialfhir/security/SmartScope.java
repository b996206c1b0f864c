package org.trialfhir.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART on FHIR scope: {@code <context>/<ResourceType|*>.<permissions>} where permissions are v2
 * ({@code cruds} letters, in that order) or v1 ({@code read}, {@code write}, {@code *}), or
 * {@code <context>/<ResourceType|*>.$<operation>} for a custom operation (our extension of the syntax).
 * Context is {@code patient}, {@code user} or {@code system}; patient-compartment restriction is not applied because
 * no trial client uses patient context (such scopes are refused, see {@link #parse}).
 */
record SmartScope(String context, String resourceType, Set<Interaction> interactions, String operation) {

	/** Immutable: a parsed scope is shared by every request that carries it ({@link Grants#of}). */
	SmartScope {
		interactions = Collections.unmodifiableSet(interactions);
	}

	private static final Pattern SYNTAX = Pattern.compile("(user|system|patient)/([A-Za-z]+|\\*)\\.(.+)");
	private static final Pattern V2 = Pattern.compile("c?r?u?d?s?");

	/** Parses a scope; empty for scopes that are not resource scopes (openid, unblinded, …) or are malformed. */
	static Optional<SmartScope> parse(String scope) {
		Matcher m = SYNTAX.matcher(scope);
		if (!m.matches() || m.group(1).equals("patient")) {
			return Optional.empty();
		}
		String context = m.group(1);
		String type = m.group(2);
		String rest = m.group(3);
		int query = rest.indexOf('?'); // v2 finer-grained "?category=…" restrictions are not supported: ignore scope
		if (query >= 0) {
			return Optional.empty();
		}
		if (rest.startsWith("$") && rest.length() > 1) {
			return Optional.of(new SmartScope(context, type, EnumSet.noneOf(Interaction.class), rest));
		}
		Set<Interaction> interactions = switch (rest) {
			case "read" -> EnumSet.of(Interaction.READ, Interaction.SEARCH);
			case "write" -> EnumSet.of(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE);
			case "*" -> EnumSet.allOf(Interaction.class);
			default -> V2.matcher(rest).matches() && !rest.isEmpty() ? v2(rest) : null;
		};
		return interactions == null ? Optional.empty() : Optional.of(new SmartScope(context, type, interactions, null));
	}

	private static Set<Interaction> v2(String letters) {
		Set<Interaction> interactions = EnumSet.noneOf(Interaction.class);
		for (char letter : letters.toCharArray()) {
			interactions.add(Interaction.ofLetter(letter));
		}
		return interactions;
	}

	boolean coversType(String type) {
		return resourceType.equals(type) || (resourceType.equals("*") && !Grants.EXPLICIT_ONLY.contains(type));
	}
}
