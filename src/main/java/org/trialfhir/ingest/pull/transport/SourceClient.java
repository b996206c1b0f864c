package org.trialfhir.ingest.pull.transport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.time.Clock;
import org.apache.http.impl.client.CloseableHttpClient;
import org.hl7.fhir.r4.model.Bundle;
import org.trialfhir.ingest.pull.auth.Credentials;
import org.trialfhir.ingest.pull.source.EhrSource;

/**
 * Everything needed to talk to one source: one authenticated HTTP client (credentials cached and shared by every
 * call), HAPI's generic client on top of it, and the retry policy. Built once per source configuration.
 *
 * <p>Each source has a FhirContext of its own: HAPI's client sends every request through the HTTP client of its
 * context's client factory, whatever factory built it, so sharing the server's context would share one HTTP client
 * (its timeouts, its authentication) among all sources.
 */
public final class SourceClient implements AutoCloseable {

	private final EhrSource source;
	final IGenericClient fhir;
	final CloseableHttpClient http;
	final Retrier retrier;
	private final CloseableHttpClient tokenHttp;
	private final PulledJson json = new PulledJson();

	SourceClient(EhrSource source, Clock clock, Retrier.Sleeper sleeper, Retrier.Listener listener) {
		this.source = source;
		this.tokenHttp = SourceHttp.plain(source);
		Credentials credentials = Credentials.of(source.auth(), tokenHttp, clock);
		this.http = SourceHttp.authenticated(source, credentials, clock);
		FhirContext context = FhirContext.forR4();
		context.getRestfulClientFactory().setHttpClient(http);
		context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		this.fhir = context.newRestfulGenericClient(source.base());
		this.fhir.registerInterceptor(json);
		this.retrier = new Retrier(source.retry(), credentials, sleeper, listener,
				new java.util.Random());
	}

	public EhrSource source() {
		return source;
	}

	/** This source's own FhirContext, for parsing what the source sent outside a search (an export's NDJSON). */
	public FhirContext fhirContext() {
		return fhir.getFhirContext();
	}

	/**
	 * A search page (first page relative to the base, next pages by their absolute link), with retries. An entry a
	 * strict reading refuses carries the reason as user data {@link PulledJson#REFUSAL}.
	 */
	public Bundle page(String url) {
		return retrier.call("GET " + url, () -> {
			try {
				Bundle bundle = fhir.search().byUrl(url).returnBundle(Bundle.class).execute();
				if (bundle.getType() != Bundle.BundleType.SEARCHSET) {
					throw new Fault.MalformedContentException("expected a searchset Bundle, got " + bundle.getType());
				}
				json.markRefusedEntries(bundle, fhir.getFhirContext());
				return bundle;
			} finally {
				json.forget();
			}
		});
	}

	@Override
	public void close() throws IOException {
		http.close();
		tokenHttp.close();
	}
}
