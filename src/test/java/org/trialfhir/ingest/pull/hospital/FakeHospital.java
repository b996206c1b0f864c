package org.trialfhir.ingest.pull.hospital;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.Filter;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A hospital FHIR R4 server for the pull tests, on its own embedded Tomcat and port: HAPI's plain RestfulServer over
 * {@link HospitalData} (paged searches with next links), a token endpoint, Bulk Data export, and in front of it all
 * the count of requests in flight, the fault injector and the authentication gate.
 */
public final class FakeHospital implements AutoCloseable {

	public final HospitalData data = new HospitalData();
	public final Faults faults = new Faults();
	public final HospitalAuth auth = new HospitalAuth();
	public final TokenEndpoint tokens = new TokenEndpoint(auth);
	public final BulkExportEndpoints bulk = new BulkExportEndpoints(data);
	public final InFlight inFlight = new InFlight();
	private final Tomcat tomcat = new Tomcat();
	/**
	 * A path of its own: a later hospital can be given a port an earlier one had, and its record ids start at the same
	 * number, so without it the two would share the identifier system of what our server stored from them.
	 */
	private final String contextPath = "/hospital-" + UUID.randomUUID().toString().substring(0, 8);
	private int port;

	private FakeHospital() {}

	public static FakeHospital start() {
		FakeHospital hospital = new FakeHospital();
		try {
			hospital.run();
		} catch (Exception e) {
			throw new IllegalStateException("the fake hospital did not start", e);
		}
		return hospital;
	}

	private void run() throws Exception {
		tomcat.setBaseDir(Files.createTempDirectory("fake-hospital").toString());
		tomcat.setPort(0);
		tomcat.getConnector().setProperty("address", "localhost");
		Context context = tomcat.addContext(contextPath, null);

		RestfulServer fhir = new RestfulServer(FhirContext.forR4Cached());
		fhir.setDefaultResponseEncoding(EncodingEnum.JSON);
		fhir.setResourceProviders(List.of(new HospitalProviders.Patients(data), new HospitalProviders.Observations(data)));
		FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(500);
		paging.setDefaultPageSize(50);
		paging.setMaximumPageSize(1000);
		fhir.setPagingProvider(paging);
		Tomcat.addServlet(context, "fhir", fhir).setLoadOnStartup(1);
		context.addServletMappingDecoded("/fhir/*", "fhir");
		Tomcat.addServlet(context, "token", tokens);
		context.addServletMappingDecoded("/token", "token");

		filter(context, "in-flight", inFlight, "/fhir/*"); // outermost: a slowed request counts while it waits
		filter(context, "faults", faults, "/*");
		filter(context, "auth", auth, "/fhir/*");
		filter(context, "bulk", bulk, "/fhir/*");
		tomcat.start();
		port = tomcat.getConnector().getLocalPort();
		tokens.url(tokenUrl());
	}

	public String baseUrl() {
		return "http://localhost:" + port + contextPath + "/fhir";
	}

	public URI tokenUrl() {
		return URI.create("http://localhost:" + port + contextPath + "/token");
	}

	@Override
	public void close() {
		try {
			tomcat.stop();
			tomcat.destroy();
		} catch (LifecycleException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void filter(Context context, String name, Filter filter, String pattern) {
		FilterDef definition = new FilterDef();
		definition.setFilterName(name);
		definition.setFilter(filter);
		context.addFilterDef(definition);
		FilterMap mapping = new FilterMap();
		mapping.setFilterName(name);
		mapping.addURLPattern(pattern);
		context.addFilterMap(mapping);
	}
}
