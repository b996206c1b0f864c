package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.trialfhir.server.WriteStep.Writes;

/** The order of a trial write's steps: one list, documented, kept whatever order Spring hands the beans in. */
class WritePipelineTest {

	/** The order docs/architecture.md draws ("A trial write"), written out independently of the pipeline's list. */
	private static final List<String> DOCUMENTED = List.of("parse", "authorize", "stamp-study-day", "check-numbers",
			"guard-audit-events", "guard-derived-scores", "guard-keyed-subject", "guard-randomized-subject",
			"guard-adjudication", "validate", "store", "queue-rederivation", "audit", "restamp-study-day");

	private static final Set<String> CLIENT_REST_ONLY = Set.of("validate");

	private final List<String> calls = new ArrayList<>();
	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
	private final InterceptorService storage = new InterceptorService();

	private record Step(String name, Writes runsFor, List<String> calls, String refuses) implements WriteStep {
		@Override
		public void beforeStore(WriteContext write) {
			calls.add("before " + name);
			if (name.equals(refuses)) {
				throw new IllegalArgumentException(name + " refuses");
			}
		}

		@Override
		public void afterStore(WriteContext write) {
			calls.add("after " + name);
		}
	}

	/** Every step of the documented list, in reverse (Spring's order is not the pipeline's). */
	private List<WriteStep> steps(String refuses) {
		List<WriteStep> steps = new ArrayList<>();
		for (String name : DOCUMENTED) {
			if (!name.equals("parse") && !name.equals("store")) {
				steps.add(new Step(name, CLIENT_REST_ONLY.contains(name) ? Writes.CLIENT_REST_WRITES : Writes.EVERY_WRITE,
						calls, refuses));
			}
		}
		Collections.reverse(steps);
		return steps;
	}

	private WritePipeline pipeline(List<WriteStep> steps) {
		WritePipeline pipeline = new WritePipeline(storage, steps, registry);
		pipeline.register();
		return pipeline;
	}

	@Test
	void theListIsTheDocumentedOrder() {
		assertThat(WritePipeline.ORDER).containsExactlyElementsOf(DOCUMENTED);
		assertThat(pipeline(steps(null)).steps()).extracting(WriteStep::name)
				.containsExactlyElementsOf(DOCUMENTED.stream().filter(s -> !s.equals("parse") && !s.equals("store")).toList());
	}

	@Test
	void theArchitectureDrawingNamesTheStepsInTheirOrder() throws IOException {
		String doc = Files.readString(Path.of("docs/architecture.md"));
		String drawing = doc.substring(doc.indexOf("## A trial write"));
		drawing = drawing.substring(0, drawing.indexOf("```", drawing.indexOf("```") + 3));
		int at = -1;
		for (String step : DOCUMENTED) {
			int next = drawing.indexOf("[" + step + "]");
			assertThat(next).as("the drawing names [%s] after the step before it", step).isGreaterThan(at);
			at = next;
		}
	}

	@Test
	void hapiCallsTheStepsInTheListsOrderEachTimedOnce() {
		WritePipeline pipeline = pipeline(steps(null));
		Observation written = new Observation();
		ServletRequestDetails client = new ServletRequestDetails();

		storage.callHooks(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, preStorage(written, client));
		pipeline.clientCreating(written, client, new TransactionDetails()); // HAPI's REST-side broadcast, after
		storage.callHooks(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, preCommit(written, client));

		assertThat(calls).containsExactly("before authorize", "before stamp-study-day", "before check-numbers",
				"before guard-audit-events", "before guard-derived-scores", "before guard-keyed-subject",
				"before guard-randomized-subject", "before guard-adjudication", "before validate", "after queue-rederivation", "after audit",
				"after restamp-study-day");
		for (String step : DOCUMENTED) {
			long expected = step.equals("parse") ? 0 : 1;
			assertThat(registry.get("trialfhir.write.step").tag("step", step).timer().count()).as(step)
					.isEqualTo(expected);
		}
	}

	@Test
	void aRefusingStepEndsTheWrite() {
		pipeline(steps("guard-derived-scores"));
		Observation written = new Observation();

		assertThatThrownBy(() -> storage.callHooks(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED,
				preStorage(written, new SystemRequestDetails()))).hasMessageContaining("guard-derived-scores refuses");

		assertThat(calls).containsExactly("before authorize", "before stamp-study-day", "before check-numbers",
				"before guard-audit-events", "before guard-derived-scores");
	}

	@Test
	void theServerRefusesToStartOnAStepOutOfTheList() {
		List<WriteStep> unknown = new ArrayList<>(steps(null));
		unknown.add(new Step("sign", Writes.EVERY_WRITE, calls, null));
		assertThatThrownBy(() -> WritePipeline.inOrder(unknown)).hasMessageContaining("sign")
				.hasMessageContaining("not in WritePipeline.ORDER");

		List<WriteStep> missing = new ArrayList<>(steps(null));
		missing.removeIf(step -> step.name().equals("validate"));
		assertThatThrownBy(() -> WritePipeline.inOrder(missing)).hasMessageContaining("validate");

		List<WriteStep> twice = new ArrayList<>(steps(null));
		twice.add(new Step("audit", Writes.EVERY_WRITE, calls, null));
		assertThatThrownBy(() -> WritePipeline.inOrder(twice)).hasMessageContaining("two write steps are named audit");

		List<WriteStep> pseudo = new ArrayList<>(steps(null));
		pseudo.add(new Step("store", Writes.EVERY_WRITE, calls, null));
		assertThatThrownBy(() -> WritePipeline.inOrder(pseudo)).hasMessageContaining("store");
	}

	@Test
	void aStepForEveryWriteCannotComeAfterOneForClientRestWritesOnly() {
		List<WriteStep> steps = new ArrayList<>(steps(null));
		steps.replaceAll(step -> step.name().equals("authorize")
				? new Step("authorize", Writes.CLIENT_REST_WRITES, calls, null) : step);
		assertThatThrownBy(() -> WritePipeline.inOrder(steps)).hasMessageContaining("stamp-study-day")
				.hasMessageContaining("client REST writes only");
	}

	private static HookParams preStorage(IBaseResource resource, RequestDetails request) {
		return new HookParams().add(IBaseResource.class, resource).add(RequestDetails.class, request)
				.addIfMatchesType(ServletRequestDetails.class, request).add(TransactionDetails.class, new TransactionDetails())
				.add(RequestPartitionId.class, null);
	}

	private static HookParams preCommit(IBaseResource resource, RequestDetails request) {
		return new HookParams().add(IBaseResource.class, resource).add(RequestDetails.class, request)
				.addIfMatchesType(ServletRequestDetails.class, request).add(TransactionDetails.class, new TransactionDetails())
				.add(ca.uhn.fhir.rest.api.InterceptorInvocationTimingEnum.class, null);
	}
}
