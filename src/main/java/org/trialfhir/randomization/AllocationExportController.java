package org.trialfhir.randomization;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.trialfhir.security.CurrentToken;
import org.trialfhir.security.Grants;

/**
 * The trial statistician's copy of a study's allocation lists, used and unused slots alike, as a signed CSV — outside
 * the FHIR API on purpose. Only a token with full administrative rights and the {@code unblinded} scope may export,
 * the key must be configured (trialfhir.randomization.export.signing-key), and every attempt is audited.
 */
@RestController
class AllocationExportController {

	static final List<String> HEADER = List.of("study", "stratum", "block", "block_size", "slot", "arm",
			"generated_at", "used_at", "research_subject", "patient");

	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private final JdbcTemplate jdbc;
	private final ScreeningReader reader;
	private final RandomizationAudit audit;
	private final RandomizationProperties properties;
	private final FhirContext fhirContext;
	private final TransactionTemplate transaction;

	AllocationExportController(JdbcTemplate jdbc, ScreeningReader reader, RandomizationAudit audit,
			RandomizationProperties properties, FhirContext fhirContext, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.reader = reader;
		this.audit = audit;
		this.properties = properties;
		this.fhirContext = fhirContext;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	@GetMapping("/randomization/studies/{studyId}/allocation-list.csv")
	ResponseEntity<String> export(@PathVariable String studyId) {
		String key = properties.export().signingKey();
		if (key == null || key.isBlank()) {
			return problem(HttpStatus.NOT_FOUND, OperationOutcome.IssueType.NOTSUPPORTED,
					"The allocation export is disabled: set trialfhir.randomization.export.signing-key");
		}
		if (!FHIR_ID.matcher(studyId).matches()) {
			return problem(HttpStatus.BAD_REQUEST, OperationOutcome.IssueType.INVALID, "Not a FHIR resource id: " + studyId);
		}
		boolean allowed = CurrentToken.get().map(CurrentToken::grants)
				.filter(Grants::isAdministrator).filter(Grants::isUnblinded).isPresent();
		if (!allowed) {
			transaction.executeWithoutResult(status -> audit.exportRefused(studyId));
			return problem(HttpStatus.FORBIDDEN, OperationOutcome.IssueType.FORBIDDEN,
					"Exporting an allocation list needs full administrative rights and the 'unblinded' scope");
		}
		if (reader.read(ResearchStudy.class, new IdType("ResearchStudy", studyId)).isEmpty()) {
			return problem(HttpStatus.NOT_FOUND, OperationOutcome.IssueType.NOTFOUND, "ResearchStudy/" + studyId
					+ " does not exist");
		}
		String csv = Objects.requireNonNull(transaction.execute(status -> {
			List<List<String>> rows = jdbc.query("SELECT study_id, stratum, block_number, block_size, sequence, arm, "
					+ "generated_at, used_at, research_subject_id, patient_id FROM trialfhir_allocation_slot "
					+ "WHERE study_id = ? ORDER BY stratum, sequence",
					(rs, n) -> List.of(
							rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
							rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
							text(rs.getString(9)), text(rs.getString(10))),
					studyId);
			String document = SignedCsv.of(HEADER, rows, key);
			String signature = document.substring(document.lastIndexOf(SignedCsv.SIGNATURE_PREFIX)
					+ SignedCsv.SIGNATURE_PREFIX.length()).trim();
			audit.exported(studyId, rows.size(), signature); // committed before the list leaves the server
			return document;
		}));
		return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
				.header("Content-Disposition", "attachment; filename=\"allocation-" + studyId + ".csv\"").body(csv);
	}

	private static String instant(java.sql.Timestamp timestamp) {
		return timestamp == null ? "" : timestamp.toInstant().toString();
	}

	private static String text(String value) {
		return value == null ? "" : value;
	}

	private ResponseEntity<String> problem(HttpStatus status, OperationOutcome.IssueType type, String message) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
		return ResponseEntity.status(status).contentType(MediaType.parseMediaType("application/fhir+json"))
				.body(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}
}
