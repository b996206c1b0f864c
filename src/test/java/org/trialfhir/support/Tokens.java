package org.trialfhir.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Client-credentials tokens from the server's embedded authorization server, cached per server and role. */
public final class Tokens {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

	private Tokens() {}

	public static String of(int port, TestRole role) {
		return CACHE.computeIfAbsent(port + "/" + role, key -> fetch(port, role.clientId, role.secret(), null));
	}

	/** A fresh token, optionally for a subset of the client's scopes (space-separated). */
	public static String fetch(int port, String clientId, String secret, String scope) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + java.net.URLEncoder.encode(scope, StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
					.header("Authorization", "Basic " + basic)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("token request for " + clientId + " failed: " + response.statusCode() + " " + response.body());
			}
			JsonNode body = JSON.readTree(response.body());
			return body.get("access_token").asText();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
