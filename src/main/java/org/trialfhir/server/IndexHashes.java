package org.trialfhir.server;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import org.springframework.stereotype.Component;

/**
 * The hash keys of HAPI's search-index rows, computed with HAPI's own functions (so they follow HAPI's partition
 * settings): {@code hash_identity} (resource type + parameter), {@code hash_sys}, {@code hash_value},
 * {@code hash_sys_and_value} of tokens. For the few reads that go to HAPI's index tables in one SQL query where the
 * DAOs would load and parse resources ({@code $analyze}, the T0 lookup of every write).
 */
@Component
public class IndexHashes {

	private final PartitionSettings partitions;
	private final RequestPartitionId partition = RequestPartitionId.defaultPartition();

	public IndexHashes(PartitionSettings partitions) {
		this.partitions = partitions;
	}

	public long identity(String resourceType, String parameter) {
		return BaseResourceIndexedSearchParam.calculateHashIdentity(partitions, partition, resourceType, parameter);
	}

	public long system(String resourceType, String parameter, String system) {
		return ResourceIndexedSearchParamToken.calculateHashSystem(partitions, partition, resourceType, parameter,
				system);
	}

	public long value(String resourceType, String parameter, String value) {
		return ResourceIndexedSearchParamToken.calculateHashValue(partitions, partition, resourceType, parameter,
				value);
	}

	public long systemAndValue(String resourceType, String parameter, String system, String value) {
		return ResourceIndexedSearchParamToken.calculateHashSystemAndValue(partitions, partition, resourceType,
				parameter, system, value);
	}
}
