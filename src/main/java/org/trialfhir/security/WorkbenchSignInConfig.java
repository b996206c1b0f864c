package org.trialfhir.security;

import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The browser side of the embedded issuer: the login page where the workbench's users sign in (a form with
 * {@code username} and {@code password}; a session cookie for the login page, {@code /app/} and
 * {@code /oauth2/authorize}), and the workbench's page, which holds no data itself — it calls {@code /fhir} with the
 * user's bearer token, under the same scopes and blind as any client.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "trialfhir.security.embedded-issuer", havingValue = "true", matchIfMissing = true)
class WorkbenchSignInConfig {

	static final String LOGIN_PAGE = "/login";

	/**
	 * Scripts and styles from this server only; the report's inline SVG styles are the one inline content allowed.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	@Bean
	@Order(0)
	SecurityFilterChain workbenchSignInChain(HttpSecurity http) throws Exception {
		http.securityMatcher(LOGIN_PAGE, "/logout", "/app", "/app/**")
				// the page itself asks for a sign-in first (its scripts and styles do not): a browser signed out is
				// sent to the login page and comes back to /app/, whose script then gets the user's token (PKCE)
				.authorizeHttpRequests(requests -> requests.requestMatchers("/app", WorkbenchClient.APP_PATH).authenticated()
						.anyRequest().permitAll())
				.formLogin(form -> form.loginPage(LOGIN_PAGE).defaultSuccessUrl(WorkbenchClient.APP_PATH))
				.logout(logout -> logout.logoutSuccessUrl(LOGIN_PAGE + "?signed-out"))
				.headers(headers -> headers
						.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
						.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	/**
	 * The users of {@code trialfhir.security.users}; their scopes are put into their tokens by the issuer. Like a
	 * client secret, a published demo password, an empty or a short one stops the start outside the demo profiles.
	 */
	@Bean
	UserDetailsService workbenchUsers(SecurityProperties properties, Environment environment) {
		boolean demo = environment.acceptsProfiles(Profiles.of(ClientSecretPolicy.DEMO_CLIENTS_PROFILE));
		Set<String> published = ClientSecretPolicy.publishedPasswords();
		properties.users().forEach((name, user) -> checkPassword(name, user.password(), demo, published));
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		List<UserDetails> users = properties.users().entrySet().stream()
				.map(entry -> User.withUsername(entry.getKey())
						.password(encoder.encode(entry.getValue().password()))
						.roles("WORKBENCH_USER")
						.build())
				.toList();
		return new InMemoryUserDetailsManager(users);
	}

	static void checkPassword(String name, String password, boolean demo, Set<String> published) {
		if (password == null || password.isBlank()) {
			refuse(name, "has no password");
		}
		boolean isPublished = published.contains(password) || password.equals(name + "-password");
		if (isPublished && !demo) {
			refuse(name, "has a published demo password; demo users exist only in the demo and test profiles");
		}
		if (!isPublished && password.length() < ClientSecretPolicy.MINIMUM_LENGTH) {
			refuse(name, "has a password shorter than " + ClientSecretPolicy.MINIMUM_LENGTH + " characters");
		}
	}

	private static void refuse(String name, String why) {
		throw new IllegalStateException("trialfhir.security.users." + name + " " + why + " (docs/security.md)");
	}
}
