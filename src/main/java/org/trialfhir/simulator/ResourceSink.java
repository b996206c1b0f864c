package org.trialfhir.simulator;

import org.hl7.fhir.r4.model.Resource;

/** Where generated resources go, one at a time (nothing is collected, so memory stays bounded). */
interface ResourceSink {
	void accept(Resource resource);

	static ResourceSink both(ResourceSink first, ResourceSink second) {
		return resource -> {
			first.accept(resource);
			second.accept(resource);
		};
	}

	ResourceSink NONE = resource -> {};
}
