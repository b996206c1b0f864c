package org.trialfhir.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A workbench user's password: the published demo ones only in the demo profiles, never empty or short elsewhere. */
class WorkbenchUserPasswordTest {

	private static final Set<String> PUBLISHED = ClientSecretPolicy.publishedPasswords();

	@Test
	void theDemoPasswordsArePublishedInTheDemoClientsFile() {
		assertThatCode(() -> WorkbenchSignInConfig.checkPassword("investigator", "investigator-password", true, PUBLISHED))
				.doesNotThrowAnyException();
		assertThatThrownBy(() -> WorkbenchSignInConfig.checkPassword("ops", "auditor-password", false, PUBLISHED))
				.hasMessageContaining("trialfhir.security.users.ops").hasMessageContaining("published demo password")
				.hasMessageNotContaining("auditor-password");
	}

	@Test
	void outsideTheDemoAUserNeedsAStrongPasswordOfItsOwn() {
		assertThatThrownBy(() -> WorkbenchSignInConfig.checkPassword("ops", "ops-password", false, PUBLISHED))
				.hasMessageContaining("published demo password");
		assertThatThrownBy(() -> WorkbenchSignInConfig.checkPassword("ops", "short-one", false, PUBLISHED))
				.hasMessageContaining("shorter than 16");
		assertThatThrownBy(() -> WorkbenchSignInConfig.checkPassword("ops", " ", false, PUBLISHED))
				.hasMessageContaining("has no password");
		assertThatThrownBy(() -> WorkbenchSignInConfig.checkPassword("ops", null, true, PUBLISHED))
				.hasMessageContaining("has no password");
		assertThatCode(() -> WorkbenchSignInConfig.checkPassword("ops", "Zq8v-2kPn7Rr4xWb9tLs", false, PUBLISHED))
				.doesNotThrowAnyException();
	}
}
