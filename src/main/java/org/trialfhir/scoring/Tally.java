package org.trialfhir.scoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Collects one result: components (null = missing), flags, notes and the sources used. */
final class Tally {

	private final Map<String, Integer> components = new LinkedHashMap<>();
	private final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
	private final List<String> notes = new ArrayList<>();
	private final Set<String> sources = new TreeSet<>();

	/** Flags rejected inputs of the variables this score reads. */
	Tally(DayInputs in, String... variableIds) {
		Set<String> read = Set.of(variableIds);
		for (RejectedInput r : in.rejected()) {
			if (read.contains(r.variableId())) {
				flag(Flag.INPUT_REJECTED, r.variableId() + " " + r.source() + " rejected: " + r.reason());
			}
		}
	}

	void component(String name, Integer points) {
		components.put(name, points);
	}

	void flag(Flag flag) {
		flags.add(flag);
	}

	void flag(Flag flag, String note) {
		flags.add(flag);
		note(note);
	}

	void note(String note) {
		if (!notes.contains(note)) {
			notes.add(note);
		}
	}

	void use(Measurement m) {
		if (m == null) {
			return;
		}
		sources.addAll(m.sources());
		if (m.comparatorUsed()) {
			flag(Flag.COMPARATOR_USED);
		}
		if (m.preliminary()) {
			flag(Flag.PRELIMINARY_USED);
		}
	}

	void use(Collection<Measurement> ms) {
		ms.forEach(this::use);
	}

	void use(Recorded<?> item) {
		if (item != null && item.source() != null) {
			sources.add(item.source());
		}
	}

	void useSource(String source) {
		if (source != null) {
			sources.add(source);
		}
	}

	int sum() {
		return components.values().stream().mapToInt(p -> p == null ? 0 : p).sum();
	}

	Map<String, Integer> components() {
		return Collections.unmodifiableMap(new LinkedHashMap<>(components));
	}

	List<String> missing() {
		return components.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
	}

	Set<Flag> flags() {
		return Collections.unmodifiableSet(EnumSet.copyOf(flags));
	}

	List<String> notes() {
		return List.copyOf(notes);
	}

	Set<String> sources() {
		return Collections.unmodifiableSet(new TreeSet<>(sources));
	}
}
