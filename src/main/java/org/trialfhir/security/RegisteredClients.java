package org.trialfhir.security;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The embedded issuer's clients, fixed at startup. Unlike Spring's in-memory repository it may be empty: a server
 * with no configured client starts and issues no token.
 */
final class RegisteredClients implements RegisteredClientRepository {

	private final Map<String, RegisteredClient> byId;
	private final Map<String, RegisteredClient> byClientId;

	RegisteredClients(List<RegisteredClient> clients) {
		byId = clients.stream().collect(Collectors.toUnmodifiableMap(RegisteredClient::getId, Function.identity()));
		byClientId = clients.stream()
				.collect(Collectors.toUnmodifiableMap(RegisteredClient::getClientId, Function.identity()));
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("clients are configured, not registered at run time");
	}

	@Override
	public RegisteredClient findById(String id) {
		return byId.get(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return byClientId.get(clientId);
	}
}
