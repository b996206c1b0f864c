package org.trialfhir.security;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
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
 * {@code username} and {@code password}, a session cookie only between this page and {@code /oauth2/authorize}), and
 * the workbench's pages, which hold no data themselves — they call {@code /fhir} with the user's bearer token, under
 * the same scopes and blind as any client.
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
				.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
				.formLogin(form -> form.loginPage(LOGIN_PAGE).defaultSuccessUrl(WorkbenchClient.APP_PATH))
				.logout(logout -> logout.logoutSuccessUrl(LOGIN_PAGE + "?signed-out"))
				.headers(headers -> headers
						.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
						.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	/** The users of {@code trialfhir.security.users}; their scopes are put into their tokens by the issuer. */
	@Bean
	UserDetailsService workbenchUsers(SecurityProperties properties) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		List<UserDetails> users = properties.users().entrySet().stream()
				.filter(entry -> entry.getValue().password() != null && !entry.getValue().password().isBlank())
				.map(entry -> User.withUsername(entry.getKey())
						.password(encoder.encode(entry.getValue().password()))
						.roles("WORKBENCH_USER")
						.build())
				.toList();
		return new InMemoryUserDetailsManager(users);
	}
}
