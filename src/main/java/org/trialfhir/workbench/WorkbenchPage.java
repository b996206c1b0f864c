package org.trialfhir.workbench;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The trial workbench's one page, {@code /app/} (template {@code app.html}; its scripts and styles under
 * {@code static/app/}). The page holds no data: its scripts sign the user in (SMART authorization code with PKCE) and
 * call {@code /fhir} with the user's token.
 */
@Controller
class WorkbenchPage {

	@GetMapping("/app/")
	String app() {
		return "app";
	}

	@GetMapping("/app")
	String withoutSlash() {
		return "redirect:/app/";
	}
}
