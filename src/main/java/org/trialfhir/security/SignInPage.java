package org.trialfhir.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page of the embedded issuer (template {@code login.html}); Spring Security handles its POST. */
@Controller
@ConditionalOnProperty(name = "trialfhir.security.embedded-issuer", havingValue = "true", matchIfMissing = true)
class SignInPage {

	@GetMapping(WorkbenchSignInConfig.LOGIN_PAGE)
	String login() {
		return "login";
	}
}
