package org.trialfhir.ingest.pull.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The sources: those of {@code trialfhir.ehr.sources}, plus any registered at runtime (tests; a future admin API).
 * Listeners (the scheduler) hear of every change by source name.
 */
@Component
public class EhrSources {

	private final Map<String, EhrSource> byName = new LinkedHashMap<>();
	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	public EhrSources(EhrProperties properties) {
		for (EhrSource source : properties.sources()) {
			if (byName.putIfAbsent(source.name(), source) != null) {
				throw new IllegalStateException("two trialfhir.ehr.sources are named '" + source.name() + "'");
			}
		}
	}

	public synchronized List<EhrSource> all() {
		return new ArrayList<>(byName.values());
	}

	public synchronized Optional<EhrSource> named(String name) {
		return Optional.ofNullable(byName.get(name));
	}

	public void register(EhrSource source) {
		synchronized (this) {
			byName.put(source.name(), source);
		}
		listeners.forEach(listener -> listener.accept(source.name()));
	}

	public void remove(String name) {
		synchronized (this) {
			byName.remove(name);
		}
		listeners.forEach(listener -> listener.accept(name));
	}

	public void onChange(Consumer<String> listener) {
		listeners.add(listener);
	}
}
