package org.trialfhir.hapisql;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import org.springframework.stereotype.Component;

/**
 * The hash keys of HAPI's search-index rows, computed with HAPI's own functions (so they follow HAPI's partition
 * settings): {@code hash_identity} (resource type + parameter), {@code hash_sys}, {@code hash_value},
 * {@code hash_sys_and_value} of tokens.
 */
@Component
class IndexHashes {

	private final PartitionSettings partitions;
	private final RequestPartitionId partition = RequestPartitionId.defaultPartition();

	IndexHashes(PartitionSettings partitions) {
		this.partitions = partitions;
	}

	long identity(String resourceType, String parameter) {
		return BaseResourceIndexedSearchParam.calculateHashIdentity(partitions, partition, resourceType, parameter);
	}

	long system(String resourceType, String parameter, String system) {
		return ResourceIndexedSearchParamToken.calculateHashSystem(partitions, partition, resourceType, parameter,
				system);
	}

	long value(String resourceType, String parameter, String value) {
		return ResourceIndexedSearchParamToken.calculateHashValue(partitions, partition, resourceType, parameter,
				value);
	}

	long systemAndValue(String resourceType, String parameter, String system, String value) {
		return ResourceIndexedSearchParamToken.calculateHashSystemAndValue(partitions, partition, resourceType,
				parameter, system, value);
	}
}
