package org.trialfhir.server;

/**
 * One step of a trial write, called by {@link WritePipeline} in the order its {@link WritePipeline#ORDER} gives, and
 * timed there. A Spring bean implementing it is found by the pipeline; its {@link #name()} must be in that list.
 *
 * <p>A step refuses a write by throwing (a HAPI {@code BaseServerResponseException} or a {@code TrialFhirException}):
 * the steps after it do not run and the transaction rolls back.
 */
public interface WriteStep {

	/** Its place in {@link WritePipeline#ORDER} and its timer's {@code step} tag. */
	String name();

	/** Which writes the pipeline calls it for; the step may still decide itself (a guard refusing clients only). */
	default Writes runsFor() {
		return Writes.EVERY_WRITE;
	}

	/** Before HAPI stores the resource (STORAGE_PRESTORAGE_RESOURCE_*), inside the write's database transaction. */
	default void beforeStore(WriteContext write) {}

	/**
	 * After HAPI stored the resource (STORAGE_PRECOMMIT_RESOURCE_*), in the same transaction; in a transaction bundle
	 * HAPI calls this once every entry is written and its references resolved.
	 */
	default void afterStore(WriteContext write) {}

	enum Writes {
		/**
		 * Every write HAPI's storage makes: a client's through any door, and the server's own (derived scores, the
		 * re-stamps, a pull's upserts, {@code $meta-add}).
		 */
		EVERY_WRITE,
		/**
		 * A client's create, update or delete that HAPI also broadcasts to the REST server — a request, an entry of its
		 * transaction or batch, or a write the server makes on the client's behalf with the client's request — but not
		 * the server's own writes ({@code SystemRequestDetails}) nor {@code $meta-add}/{@code $meta-delete}. Steps
		 * limited so must come after every {@link #EVERY_WRITE} step: HAPI calls the hooks of its JPA interceptor
		 * service before those of the REST server.
		 */
		CLIENT_REST_WRITES
	}
}
