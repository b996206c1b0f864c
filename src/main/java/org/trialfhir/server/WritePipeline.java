package org.trialfhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;
import org.trialfhir.server.WriteContext.Kind;
import org.trialfhir.server.WriteStep.Writes;

/**
 * The steps of a trial write, in one list ({@link #ORDER}), each timed on {@code /actuator/prometheus} as
 * {@code trialfhir_write_step_seconds{step}}. It is the only hook on HAPI's per-resource storage pointcuts
 * (STORAGE_PRESTORAGE_RESOURCE_* and STORAGE_PRECOMMIT_RESOURCE_*) and calls the {@link WriteStep} beans there in
 * list order, so the order of a write's checks is this list and nothing else (docs/architecture.md, "A trial write").
 *
 * <p>HAPI broadcasts a write to its JPA interceptor service always, and to the REST server's too when the write is a
 * client's (the request carries the server's broadcaster), the JPA service's hooks first. The pipeline is therefore
 * registered on both: on the JPA service for {@link Writes#EVERY_WRITE} steps, and as a REST interceptor for
 * {@link Writes#CLIENT_REST_WRITES} steps, which must come last in the list.
 */
@Component
@Interceptor
class WritePipeline implements FhirRestInterceptor {

	static final String PARSE = "parse";
	static final String STORE = "store";

	/**
	 * The steps of a trial write in the order they run. {@link #PARSE} is the strict parse of the body before HAPI
	 * picks the handler ({@link StrictRequestBodies}); {@link #STORE} is HAPI storing and indexing the resource
	 * (timed for a write alone; in a transaction bundle HAPI calls the after-store steps once all entries are stored).
	 * A step listed before {@link #STORE} is called {@link WriteStep#beforeStore}, one listed after it
	 * {@link WriteStep#afterStore}.
	 */
	static final List<String> ORDER = List.of(PARSE,
			"authorize", // the blind on ResearchSubjects, the create scope of a conditional update that creates
			"stamp-study-day", // the study day of an Observation; a ResearchSubject's T0 for the rest of the write
			"check-numbers", // no decimal out of bounds, no negative value of a variable that cannot be negative
			"guard-audit-events", // no client writes the audit trail
			"guard-derived-scores", // no client writes a derived score
			"guard-keyed-subject", // a write keyed by identifier keeps its patient
			"guard-randomized-subject", // a randomized subject keeps its arm, and is never deleted
			"guard-adjudication", // a pending pulled value is decided by $adjudicate alone
			"validate", // the trial profiles, units and bounds (a client's writes only)
			STORE,
			"queue-rederivation", // the patient's re-derivation, queued in the write's transaction
			"audit", // the receipt row, in the write's transaction
			"restamp-study-day"); // once placeholders are resolved or a T0 changed, the patient's Observations again

	private static final String TIMER = "trialfhir.write.step";
	private static final String STORE_STARTED = WritePipeline.class.getName() + ".storeStarted";

	private final IInterceptorService storage;
	private final List<WriteStep> steps;
	private final Phase everyWrite;
	private final Phase clientRestWrites;
	private final Map<String, Timer> timers = new LinkedHashMap<>();
	private final EveryWriteHooks everyWriteHooks = new EveryWriteHooks();

	WritePipeline(IInterceptorService storage, List<WriteStep> steps, MeterRegistry registry) {
		this.storage = storage;
		this.steps = inOrder(steps);
		this.everyWrite = Phase.of(this.steps, Writes.EVERY_WRITE);
		this.clientRestWrites = Phase.of(this.steps, Writes.CLIENT_REST_WRITES);
		for (String step : ORDER) {
			timers.put(step, Timer.builder(TIMER).tag("step", step)
					.description("Time a trial write spends in a step of the write pipeline").register(registry));
		}
	}

	/** The steps by {@link #ORDER}; refuses to start on a step not in it, one missing, or one out of its place. */
	static List<WriteStep> inOrder(List<WriteStep> steps) {
		Map<String, WriteStep> byName = new HashMap<>();
		for (WriteStep step : steps) {
			if (!ORDER.contains(step.name()) || PARSE.equals(step.name()) || STORE.equals(step.name())) {
				throw new IllegalStateException("write step " + step.name() + " (" + step.getClass().getName()
						+ ") is not in WritePipeline.ORDER: give it its place there");
			}
			if (byName.put(step.name(), step) != null) {
				throw new IllegalStateException("two write steps are named " + step.name());
			}
		}
		List<WriteStep> ordered = ORDER.stream().filter(name -> !PARSE.equals(name) && !STORE.equals(name))
				.map(name -> {
					WriteStep step = byName.get(name);
					if (step == null) {
						throw new IllegalStateException("no bean implements the write step " + name);
					}
					return step;
				}).toList();
		// per phase (before or after the store): HAPI calls the JPA service's hooks first, then the REST server's
		boolean clientRestSeen = false;
		boolean afterStore = false;
		for (WriteStep step : ordered) {
			if (isAfterStore(step) != afterStore) {
				afterStore = true;
				clientRestSeen = false;
			}
			clientRestSeen |= step.runsFor() == Writes.CLIENT_REST_WRITES;
			if (clientRestSeen && step.runsFor() == Writes.EVERY_WRITE) {
				throw new IllegalStateException("write step " + step.name() + " runs for every write but comes after "
						+ "a step for client REST writes only; HAPI calls the latter last");
			}
		}
		return ordered;
	}

	private static boolean isAfterStore(WriteStep step) {
		return ORDER.indexOf(step.name()) > ORDER.indexOf(STORE);
	}

	/** The steps, in the order they run. */
	List<WriteStep> steps() {
		return steps;
	}

	/** The steps one registration of the pipeline calls, before and after HAPI stores the resource. */
	private record Phase(List<WriteStep> beforeStore, List<WriteStep> afterStore) {
		static Phase of(List<WriteStep> steps, Writes writes) {
			List<WriteStep> mine = steps.stream().filter(step -> step.runsFor() == writes).toList();
			return new Phase(mine.stream().filter(step -> !isAfterStore(step)).toList(),
					mine.stream().filter(WritePipeline::isAfterStore).toList());
		}
	}

	/** Times a step the pipeline does not call itself ({@link #PARSE}, on a REST pointcut before this one). */
	void timed(String step, Runnable work) {
		timers.get(step).record(work);
	}

	@PostConstruct
	void register() {
		storage.registerInterceptor(everyWriteHooks);
	}

	@PreDestroy
	void unregister() {
		storage.unregisterInterceptor(everyWriteHooks);
	}

	// the REST server's side: client writes only, after every hook of the JPA service on the same pointcut

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void clientCreating(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
		beforeStore(clientRestWrites.beforeStore(), new Write(Kind.CREATE, null, resource, request), transaction);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void clientUpdating(IBaseResource previous, IBaseResource resource, RequestDetails request,
			TransactionDetails transaction) {
		beforeStore(clientRestWrites.beforeStore(), new Write(Kind.UPDATE, previous, resource, request), transaction);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void clientDeleting(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
		beforeStore(clientRestWrites.beforeStore(), new Write(Kind.DELETE, null, resource, request), transaction);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void clientCreated(IBaseResource resource, RequestDetails request) {
		afterStore(clientRestWrites.afterStore(), new Write(Kind.CREATE, null, resource, request));
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void clientUpdated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		afterStore(clientRestWrites.afterStore(), new Write(Kind.UPDATE, previous, resource, request));
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void clientDeleted(IBaseResource resource, RequestDetails request) {
		afterStore(clientRestWrites.afterStore(), new Write(Kind.DELETE, null, resource, request));
	}

	/** The JPA service's side: every write. Before HAPI's own hooks of order 0, as the blind always ran. */
	@Interceptor
	public final class EveryWriteHooks {

		private static final int BEFORE_HAPIS_OWN = -100;

		@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = BEFORE_HAPIS_OWN)
		public void creating(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
			beforeStore(everyWrite.beforeStore(), new Write(Kind.CREATE, null, resource, request), transaction);
		}

		@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = BEFORE_HAPIS_OWN)
		public void updating(IBaseResource previous, IBaseResource resource, RequestDetails request,
				TransactionDetails transaction) {
			beforeStore(everyWrite.beforeStore(), new Write(Kind.UPDATE, previous, resource, request), transaction);
		}

		@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = BEFORE_HAPIS_OWN)
		public void deleting(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
			beforeStore(everyWrite.beforeStore(), new Write(Kind.DELETE, null, resource, request), transaction);
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
		public void created(IBaseResource resource, RequestDetails request) {
			stored(resource);
			afterStore(everyWrite.afterStore(), new Write(Kind.CREATE, null, resource, request));
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
		public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
			stored(resource);
			afterStore(everyWrite.afterStore(), new Write(Kind.UPDATE, previous, resource, request));
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
		public void deleted(IBaseResource resource, RequestDetails request) {
			afterStore(everyWrite.afterStore(), new Write(Kind.DELETE, null, resource, request));
		}
	}

	private record Write(Kind kind, IBaseResource previous, IBaseResource resource, RequestDetails request) {
		WriteContext forStep(Timer timer) {
			return new WriteContext(kind, previous, resource, request, timer);
		}
	}

	private void beforeStore(List<WriteStep> steps, Write write, TransactionDetails transaction) {
		for (WriteStep step : steps) {
			Timer timer = timers.get(step.name());
			timer.record(() -> step.beforeStore(write.forStep(timer)));
		}
		if (write.kind() != Kind.DELETE && !steps.isEmpty()) {
			storeStarts(write.resource(), transaction);
		}
	}

	private void afterStore(List<WriteStep> steps, Write write) {
		for (WriteStep step : steps) {
			Timer timer = timers.get(step.name());
			timer.record(() -> step.afterStore(write.forStep(timer)));
		}
	}

	/**
	 * The last before-store step has run (HAPI stores next) — unless HAPI defers the after-store hooks to the end of a
	 * transaction bundle, where the time between would be the other entries'.
	 */
	private static void storeStarts(IBaseResource resource, TransactionDetails transaction) {
		boolean deferred = transaction != null
				&& transaction.isAcceptingDeferredInterceptorBroadcasts(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED);
		resource.setUserData(STORE_STARTED, deferred ? null : System.nanoTime());
	}

	private void stored(IBaseResource resource) {
		if (resource.getUserData(STORE_STARTED) instanceof Long started) {
			resource.setUserData(STORE_STARTED, null);
			timers.get(STORE).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		}
	}
}
