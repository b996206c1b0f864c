package org.trialfhir.ingest.pull.transport;

import java.net.URI;
import java.time.Clock;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.protocol.HttpCoreContext;
import org.trialfhir.ingest.pull.auth.Credentials;
import org.trialfhir.ingest.pull.source.EhrSource;

/**
 * The Apache HTTP clients of one source: every call carries the source's timeout, Retry-After is surfaced as
 * {@link RetryAfterException}, and the Authorization header goes only to the source's own host (never to the
 * storage host of a Bulk Data file that does not require the token).
 */
final class SourceHttp {

	/** Set on an HTTP context to send a request without the source's Authorization header. */
	static final String ANONYMOUS = SourceHttp.class.getName() + ".anonymous";

	private SourceHttp() {}

	static CloseableHttpClient plain(EhrSource source) {
		return builder(source).build();
	}

	static CloseableHttpClient authenticated(EhrSource source, Credentials credentials, Clock clock) {
		URI base = source.baseUrl();
		HttpRequestInterceptor authorize = (request, context) -> {
			HttpHost target = HttpCoreContext.adapt(context).getTargetHost();
			boolean ownHost = target != null && target.getHostName().equalsIgnoreCase(base.getHost())
					&& port(target.getPort(), target.getSchemeName()) == port(base.getPort(), base.getScheme());
			if (ownHost && context.getAttribute(ANONYMOUS) == null && !request.containsHeader("Authorization")) {
				credentials.authorization().ifPresent(value -> request.setHeader("Authorization", value));
			}
		};
		HttpResponseInterceptor retryAfter = (response, context) -> {
			var notNow = RetryAfterException.of(response, clock.instant());
			if (notNow.isPresent()) {
				throw notNow.get();
			}
		};
		return builder(source).addInterceptorLast(authorize).addInterceptorFirst(retryAfter).build();
	}

	private static org.apache.http.impl.client.HttpClientBuilder builder(EhrSource source) {
		int millis = Math.toIntExact(source.timeout().toMillis());
		RequestConfig timeouts = RequestConfig.custom()
				.setConnectTimeout(millis)
				.setSocketTimeout(millis)
				.setConnectionRequestTimeout(millis)
				.build();
		return HttpClients.custom()
				.setDefaultRequestConfig(timeouts)
				.setMaxConnPerRoute(8)
				.setMaxConnTotal(16)
				.disableAutomaticRetries() // one retry policy, in Retrier
				.disableCookieManagement()
				.useSystemProperties();
	}

	private static int port(int port, String scheme) {
		return port >= 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}
}
