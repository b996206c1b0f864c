package org.trialfhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * The demo users of the workbench hold their role's scopes, read the way the server reads its configuration: the
 * file states each role's list once and aliases it for the user.
 */
class DemoUsersScopesTest {

	@Test
	void eachDemoUserHasTheScopesOfItsRolesClient() throws IOException {
		var sources = new YamlPropertySourceLoader().load("demo-clients",
				new ClassPathResource("application-demo-clients.yaml"));
		SecurityProperties security = new Binder(ConfigurationPropertySources.from(sources))
				.bind("trialfhir.security", SecurityProperties.class).get();

		assertThat(scopes(security, "research")).containsExactly("user/*.rs");
		assertThat(scopes(security, "auditor")).containsExactly("user/AuditEvent.rs");
		assertThat(scopes(security, "investigator")).contains("user/*.rs", "user/ResearchStudy.$interim",
				"user/ResearchSubject.$unblind").doesNotContain("unblinded")
				.isEqualTo(security.clients().get("investigator-demo").scopes());
		assertThat(scopes(security, "coordinator")).contains("user/Observation.$adjudicate", "user/Task.cru")
				.isEqualTo(security.clients().get("coordinator-demo").scopes());
		assertThat(scopes(security, "data-manager")).contains("system/*.cruds", "system/*.$import", "unblinded")
				.isEqualTo(security.clients().get("admin-demo").scopes());
		// the clinician's pages read what its client's scopes do not grant
		assertThat(scopes(security, "clinician")).contains("user/Patient.crus", "user/Observation.rs");
	}

	private static List<String> scopes(SecurityProperties security, String user) {
		return security.users().get(user).scopes();
	}
}
