package org.trialfhir.security;

import ca.uhn.fhir.rest.annotation.Operation;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.aop.support.AopUtils;
import org.springframework.stereotype.Component;
import org.trialfhir.server.FhirOperationProvider;

/** The custom operations of our providers, each with the access its method declares. */
@Component
class OperationAccessRegistry {

	private final Set<String> customOperations = new HashSet<>();

	OperationAccessRegistry(List<FhirOperationProvider> providers) {
		for (FhirOperationProvider provider : providers) {
			for (Method method : AopUtils.getTargetClass(provider).getMethods()) {
				Operation operation = method.getAnnotation(Operation.class);
				if (operation == null) {
					continue;
				}
				OperationAccess access = method.getAnnotation(OperationAccess.class);
				if (access == null) {
					throw new IllegalStateException(method + " is a FHIR operation without @OperationAccess");
				}
				if (!normalize(access.value()).equals(normalize(operation.name()))) {
					throw new IllegalStateException(method + " declares access to " + access.value()
							+ " but implements " + operation.name());
				}
				customOperations.add(normalize(operation.name()));
			}
		}
	}

	boolean isCustom(String operation) {
		return customOperations.contains(normalize(operation));
	}

	static String normalize(String operation) {
		return operation.startsWith("$") ? operation : "$" + operation;
	}
}
