package org.trialfhir.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a token's scopes allow. AuditEvent is readable only through a scope that names it (a {@code *} scope does not
 * reach it) and is never writable through the API.
 */
public final class Grants {

	/** The scope that lets a token see the arms of a blinded study. */
	public static final String UNBLINDED = "unblinded";

	static final Set<String> EXPLICIT_ONLY = Set.of("AuditEvent");
	static final Set<String> READ_ONLY = Set.of("AuditEvent");

	private final List<String> granted;
	private final List<SmartScope> scopes;
	private final boolean unblinded;

	private Grants(List<String> granted, List<SmartScope> scopes, boolean unblinded) {
		this.granted = granted;
		this.scopes = scopes;
		this.unblinded = unblinded;
	}

	public static Grants of(Collection<String> scopeStrings) {
		List<SmartScope> parsed = scopeStrings.stream().map(SmartScope::parse).flatMap(Optional::stream).toList();
		return new Grants(List.copyOf(scopeStrings), parsed, scopeStrings.contains(UNBLINDED));
	}

	/** The scopes as granted, from which {@link #of} rebuilds these grants. */
	public List<String> scopes() {
		return granted;
	}

	public boolean allows(String resourceType, Interaction interaction) {
		if (READ_ONLY.contains(resourceType) && interaction != Interaction.READ && interaction != Interaction.SEARCH) {
			return false;
		}
		return scopes.stream().anyMatch(s -> s.operation() == null && s.coversType(resourceType)
				&& s.interactions().contains(interaction));
	}

	/** A custom operation on a resource type (instance or type level), or at server level when type is null. */
	public boolean allowsOperation(String resourceType, String operation) {
		String name = operation.startsWith("$") ? operation : "$" + operation;
		return scopes.stream().anyMatch(s -> name.equals(s.operation())
				&& (s.resourceType().equals("*") || s.resourceType().equals(resourceType)));
	}

	/** Full rights on every type: what HAPI's own administrative operations require. */
	public boolean isAdministrator() {
		return scopes.stream().anyMatch(s -> s.operation() == null && s.resourceType().equals("*")
				&& s.interactions().containsAll(Set.of(Interaction.values())));
	}

	public boolean isUnblinded() {
		return unblinded;
	}
}
