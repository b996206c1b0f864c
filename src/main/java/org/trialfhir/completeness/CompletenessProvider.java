package org.trialfhir.completeness;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.io.IOException;
import java.time.Instant;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.trialfhir.analysis.OperationParameters;
import org.trialfhir.analysis.ReportResponse;
import org.trialfhir.analysis.ResponseFormat;
import org.trialfhir.security.OperationAccess;
import org.trialfhir.server.FhirOperationProvider;

/**
 * {@code ResearchStudy/[id]/$completeness} and {@code ResearchSubject/[id]/$completeness} (GET or POST): per subject ×
 * study day × expected item, what arrived, and the findings (docs/api.md §5.10, docs/data-quality.md), as Parameters
 * (JSON/XML), CSV or HTML. The method writes the response itself ({@code manualResponse}) so that HTML and CSV are not
 * taken for FHIR encodings. No output names an arm: nothing here reads one.
 */
@Component
class CompletenessProvider implements FhirOperationProvider {

	private final CompletenessExecutor executor;
	private final FhirContext fhirContext;

	CompletenessProvider(CompletenessExecutor executor, FhirContext fhirContext) {
		this.executor = executor;
		this.fhirContext = fhirContext;
	}

	@Operation(name = "$completeness", type = ResearchStudy.class, idempotent = true, manualResponse = true)
	@OperationAccess("$completeness")
	public void ofStudy(@IdParam IdType study, ServletRequestDetails request) throws IOException {
		ResponseFormat format = ReportResponse.format(request);
		CompletenessRequest parameters = CompletenessRequest.from(OperationParameters.of(request, fhirContext),
				Instant.now());
		write(executor.study(study.getIdPart(), parameters), format, "study-" + study.getIdPart(), request);
	}

	@Operation(name = "$completeness", type = ResearchSubject.class, idempotent = true, manualResponse = true)
	@OperationAccess("$completeness")
	public void ofSubject(@IdParam IdType subject, ServletRequestDetails request) throws IOException {
		ResponseFormat format = ReportResponse.format(request);
		CompletenessRequest parameters = CompletenessRequest.from(OperationParameters.of(request, fhirContext),
				Instant.now());
		write(executor.subject(subject.getIdPart(), parameters), format, "subject-" + subject.getIdPart(), request);
	}

	private void write(CompletenessReport report, ResponseFormat format, String name, ServletRequestDetails request)
			throws IOException {
		String body = switch (format) {
			case HTML -> CompletenessHtml.render(report, Instant.now());
			case CSV -> CompletenessCsv.render(report);
			case JSON, XML -> ReportResponse.encode(fhirContext, CompletenessParameters.render(report), format, request);
		};
		ReportResponse.write(request, format, body, "completeness-" + name);
	}
}
