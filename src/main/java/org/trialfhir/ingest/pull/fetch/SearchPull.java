package org.trialfhir.ingest.pull.fetch;

import ca.uhn.fhir.util.UrlUtil;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.springframework.stereotype.Component;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts;
import org.trialfhir.ingest.pull.bookkeeping.PullCursors;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.store.ObservationImport;
import org.trialfhir.ingest.pull.store.UnitAcceptance;
import org.trialfhir.ingest.pull.subjects.EnrolledSubject;
import org.trialfhir.ingest.pull.transport.PullInterruptedException;
import org.trialfhir.ingest.pull.transport.SourceClient;

/**
 * Pull by FHIR search, one subject at a time: the hospital's patient by MRN, then
 * {@code Observation?patient=…&code=…&date=ge<T0−24h>&_lastUpdated=ge<cursor>&_sort=_lastUpdated}, following next
 * links to the end. After each stored page the cursor moves to the newest meta.lastUpdated stored — while the pages
 * come sorted; if a source ignores {@code _sort}, only at the end of the chain. {@code ge} (not {@code gt}) because
 * several resources can share one timestamp across a page boundary; the one refetched is found unchanged. A page
 * with a resource our storage could not take for now ends the subject's pull there, its cursor before that page.
 */
@Component
class SearchPull {

	private final ObservationImport importer;
	private final PullCursors cursors;
	private final UnitAcceptance units;

	SearchPull(ObservationImport importer, PullCursors cursors, UnitAcceptance units) {
		this.importer = importer;
		this.cursors = cursors;
		this.units = units;
	}

	void pull(SourceClient client, EnrolledSubject subject, String hospitalPatientId, PullCounts counts) {
		EhrSource source = client.source();
		Optional<Instant> cursor = cursors.get(source.name(), subject.researchSubjectId());
		Bundle page = client.page(firstPage(source, subject, hospitalPatientId, cursor));
		CursorTracker tracker = new CursorTracker();
		while (true) {
			List<IBaseResource> matches = page.getEntry().stream()
					.filter(entry -> entry.getSearch().getMode() != SearchEntryMode.INCLUDE
							&& entry.getSearch().getMode() != SearchEntryMode.OUTCOME)
					.<IBaseResource>map(BundleEntryComponent::getResource)
					.filter(resource -> resource != null)
					.toList();
			if (!importer.importBatch(source, subject, matches, counts)) {
				return; // a resource of this page is left for the next pull: the cursor stays before the page
			}
			tracker.seen(matches);
			if (tracker.sorted() && tracker.newest().isPresent()) {
				cursors.advance(source.name(), subject.researchSubjectId(), tracker.newest().get());
			}
			Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
			if (next == null || next.getUrl() == null) {
				break;
			}
			if (Thread.currentThread().isInterrupted()) {
				throw new PullInterruptedException();
			}
			page = client.page(next.getUrl());
		}
		tracker.newest().ifPresent(newest -> cursors.advance(source.name(), subject.researchSubjectId(), newest));
	}

	/** The hospital's patient ids carrying this MRN. */
	static List<String> patientIds(SourceClient client, String mrn) {
		String url = "Patient?identifier=" + UrlUtil.escapeUrlParam(client.source().patientIdentifierSystem() + "|" + mrn);
		return client.page(url).getEntry().stream()
				.filter(entry -> entry.getResource() != null
						&& "Patient".equals(entry.getResource().fhirType()))
				.map(entry -> entry.getResource().getIdElement().getIdPart())
				.distinct()
				.toList();
	}

	private String firstPage(EhrSource source, EnrolledSubject subject, String patientId, Optional<Instant> cursor) {
		String codes = units.pulledCodes().stream()
				.map(coding -> coding.getSystem() + "|" + coding.getCode())
				.collect(Collectors.joining(","));
		StringBuilder url = new StringBuilder("Observation?patient=").append(UrlUtil.escapeUrlParam(patientId))
				.append("&code=").append(UrlUtil.escapeUrlParam(codes))
				.append("&date=ge").append(UrlUtil.escapeUrlParam(subject.pullFrom().toString()));
		cursor.ifPresent(since -> url.append("&_lastUpdated=ge").append(UrlUtil.escapeUrlParam(since.toString())));
		return url.append("&_sort=_lastUpdated&_count=").append(source.pageSize()).toString();
	}

	/** The newest meta.lastUpdated stored so far, and whether the pages have come in ascending order. */
	static final class CursorTracker {
		private Instant newest;
		private boolean sorted = true;

		void seen(List<IBaseResource> resources) {
			for (IBaseResource resource : resources) {
				if (resource.getMeta().getLastUpdated() == null) {
					sorted = false; // cannot tell: keep the cursor where it is until the chain ends
					continue;
				}
				Instant lastUpdated = resource.getMeta().getLastUpdated().toInstant();
				if (newest != null && lastUpdated.isBefore(newest)) {
					sorted = false;
				}
				newest = newest == null || lastUpdated.isAfter(newest) ? lastUpdated : newest;
			}
		}

		boolean sorted() {
			return sorted;
		}

		Optional<Instant> newest() {
			return Optional.ofNullable(newest);
		}
	}
}
