package org.trialfhir.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

	/**
	 * Grants by the scopes they were parsed from. A request asks for its token's grants several times (authorization,
	 * the write steps, the audit record) and a client sends the same scopes with every token, so each set of scopes is
	 * parsed once. Bounded, for an issuer that grants many different sets: a token's scopes fit in a request header (8 KB by
	 * default), so the cache holds at most a few MB.
	 */
	private static final Cache<List<String>, Grants> PARSED = Caffeine.newBuilder().maximumSize(1_000).build();

	public static Grants of(Collection<String> scopeStrings) {
		return PARSED.get(List.copyOf(scopeStrings), Grants::parse);
	}

	private static Grants parse(List<String> scopeStrings) {
		List<SmartScope> parsed = scopeStrings.stream().map(SmartScope::parse).flatMap(Optional::stream).toList();
		return new Grants(scopeStrings, parsed, scopeStrings.contains(UNBLINDED));
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
