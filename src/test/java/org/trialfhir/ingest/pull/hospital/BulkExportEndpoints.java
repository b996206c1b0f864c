package org.trialfhir.ingest.pull.hospital;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;

/**
 * The hospital's Bulk Data export (async pattern): kick-off at {@code Patient/$export} (POST with {@code patient}
 * parameters) or {@code Group/[id]/$export}, a status URL answering 202 for the first polls, then the manifest, and
 * NDJSON files of a few lines each. An export can be made to fail for one patient: that patient's Observations are
 * left out and the manifest lists an error file (NDJSON of OperationOutcomes) saying so.
 */
public final class BulkExportEndpoints implements Filter {

	private record Job(Instant transactionTime, List<List<String>> files, List<String> errors,
			AtomicInteger pollsUntilDone) {}

	private final HospitalData data;
	private final IParser json = FhirContext.forR4Cached().newJsonParser();
	private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
	private final Map<String, Job> jobs = new ConcurrentHashMap<>();
	private final AtomicInteger kickOffs = new AtomicInteger();
	private final AtomicReference<String> failNextExportOf = new AtomicReference<>();
	private volatile int linesPerFile = 7;
	private volatile int pollsInProgress = 1;

	BulkExportEndpoints(HospitalData data) {
		this.data = data;
	}

	public void group(String id, Set<String> patientIds) {
		groups.put(id, Set.copyOf(patientIds));
	}

	/** The next export leaves out this patient's Observations and reports that in an error file. */
	public void failNextExportOf(String patientId) {
		failNextExportOf.set(patientId);
	}

	public int kickOffs() {
		return kickOffs.get();
	}

	public int openJobs() {
		return jobs.size();
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		HttpServletResponse response = (HttpServletResponse) res;
		String path = request.getRequestURI();
		String base = request.getRequestURL().substring(0, request.getRequestURL().indexOf("/fhir") + 5);
		if (path.endsWith("/$export")) {
			kickOff(request, response, base);
		} else if (path.contains("/bulk-status/")) {
			status(request, response, base, last(path));
		} else if (path.contains("/bulk-files/") || path.contains("/bulk-errors/")) {
			String[] parts = path.split("/");
			Job job = jobs.get(parts[parts.length - 2]);
			int index = Integer.parseInt(parts[parts.length - 1]);
			String body = path.contains("/bulk-files/") ? String.join("\n", job.files().get(index))
					: job.errors().get(index);
			Faults.write(response, 200, "application/fhir+ndjson", body + "\n");
		} else {
			chain.doFilter(req, res);
		}
	}

	private void kickOff(HttpServletRequest request, HttpServletResponse response, String base) throws IOException {
		if (!"respond-async".equals(request.getHeader("Prefer"))) {
			Faults.write(response, 400, "application/fhir+json", "{\"resourceType\":\"OperationOutcome\"}");
			return;
		}
		kickOffs.incrementAndGet();
		Set<String> patients;
		Instant since;
		if (request.getRequestURI().contains("/Group/")) {
			String[] parts = request.getRequestURI().split("/");
			patients = groups.getOrDefault(parts[parts.length - 2], Set.of());
			String sinceParam = request.getParameter("_since");
			since = sinceParam == null ? null : new InstantType(sinceParam).getValue().toInstant();
		} else {
			Parameters parameters = json.parseResource(Parameters.class,
					new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			patients = parameters.getParameter().stream().filter(p -> "patient".equals(p.getName()))
					.map(p -> ((Reference) p.getValue()).getReferenceElement().getIdPart())
					.collect(Collectors.toSet());
			since = parameters.getParameter().stream().filter(p -> "_since".equals(p.getName()))
					.map(p -> ((InstantType) p.getValue()).getValue().toInstant()).findFirst().orElse(null);
		}
		Instant transactionTime = data.now();
		String failed = failNextExportOf.getAndSet(null);
		List<String> errors = failed == null ? List.of() : List.of("{\"resourceType\":\"OperationOutcome\",\"issue\":"
				+ "[{\"severity\":\"error\",\"code\":\"exception\",\"diagnostics\":\"Observations of Patient/" + failed
				+ " could not be exported\"}]}");
		List<String> lines = data.observations().stream()
				.filter(o -> patients.contains(o.getSubject().getReferenceElement().getIdPart()))
				.filter(o -> !o.getSubject().getReferenceElement().getIdPart().equals(failed))
				.filter(o -> since == null || o.getMeta().getLastUpdated().toInstant().isAfter(since))
				.filter(o -> !o.getMeta().getLastUpdated().toInstant().isAfter(transactionTime))
				.map(this::line)
				.toList();
		List<List<String>> files = new ArrayList<>();
		for (int i = 0; i < lines.size(); i += linesPerFile) {
			files.add(lines.subList(i, Math.min(lines.size(), i + linesPerFile)));
		}
		String job = "job" + kickOffs.get();
		jobs.put(job, new Job(transactionTime, files, errors, new AtomicInteger(pollsInProgress)));
		response.setStatus(202);
		response.setHeader("Content-Location", base + "/bulk-status/" + job);
	}

	private void status(HttpServletRequest request, HttpServletResponse response, String base, String id)
			throws IOException {
		Job job = jobs.get(id);
		if ("DELETE".equals(request.getMethod())) {
			jobs.remove(id);
			response.setStatus(202);
			return;
		}
		if (job.pollsUntilDone().getAndDecrement() > 0) {
			response.setStatus(202);
			response.setHeader("X-Progress", "exporting");
			return;
		}
		StringBuilder output = new StringBuilder();
		for (int i = 0; i < job.files().size(); i++) {
			output.append(i == 0 ? "" : ",").append("{\"type\":\"Observation\",\"url\":\"").append(base)
					.append("/bulk-files/").append(id).append('/').append(i).append("\"}");
		}
		StringBuilder error = new StringBuilder();
		for (int i = 0; i < job.errors().size(); i++) {
			error.append(i == 0 ? "" : ",").append("{\"type\":\"OperationOutcome\",\"url\":\"").append(base)
					.append("/bulk-errors/").append(id).append('/').append(i).append("\"}");
		}
		Faults.write(response, 200, "application/json", "{\"transactionTime\":\"" + job.transactionTime()
				+ "\",\"request\":\"" + base + "/$export\",\"requiresAccessToken\":true,\"output\":[" + output
				+ "],\"error\":[" + error + "]}");
	}

	private String line(Observation observation) {
		return json.encodeResourceToString(observation);
	}

	private static String last(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}
}
