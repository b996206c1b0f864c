package org.trialfhir.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SMART App Launch discovery ({@code /.well-known/smart-configuration}, also under the FHIR base as the spec asks):
 * where to get tokens, how clients authenticate, which scopes exist.
 */
class SmartConfigurationServlet extends HttpServlet {

	private final SecurityProperties properties;
	private final ObjectMapper json = new ObjectMapper();

	SmartConfigurationServlet(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String issuer = properties.issuer();
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer);
		document.put("jwks_uri", issuer + "/oauth2/jwks");
		document.put("authorization_endpoint", issuer + "/oauth2/authorize");
		document.put("token_endpoint", issuer + "/oauth2/token");
		document.put("grant_types_supported", List.of("client_credentials", "authorization_code"));
		document.put("code_challenge_methods_supported", List.of("S256"));
		document.put("token_endpoint_auth_methods_supported",
				List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"));
		document.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
		document.put("scopes_supported", List.of("system/*.cruds", "system/*.rs", "user/*.rs", "system/Observation.cu",
				"system/Patient.r", "user/Patient.cru", "user/ResearchStudy.$analyze", "user/ResearchStudy.$interim",
				"user/ResearchStudy.$randomize", "user/ResearchStudy.$completeness", "user/ResearchSubject.$completeness",
				"user/ResearchSubject.$derive-scores", "user/ResearchSubject.$unblind", "system/*.$pull",
				"user/Observation.$adjudicate", "user/ResearchSubject.$adjudicate", "system/*.$adjudicate",
				"user/AuditEvent.rs", Grants.UNBLINDED));
		document.put("capabilities", List.of("client-confidential-symmetric", "client-confidential-asymmetric",
				"client-public", "launch-standalone", "permission-v1", "permission-v2"));
		response.setContentType("application/json");
		json.writeValue(response.getOutputStream(), document);
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {
		@Bean
		ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(SecurityProperties properties) {
			// exact-path mappings win over the FHIR servlet's /fhir/*
			return new ServletRegistrationBean<>(new SmartConfigurationServlet(properties),
					"/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration");
		}
	}
}
