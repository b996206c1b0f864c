package org.trialfhir.scoring;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/** Worst-value helpers (SCORES.md §1.4): the worst value is the one that gives the most points. */
final class Worst {

    private Worst() {
    }

    static Measurement min(List<Measurement> ms) {
        return ms.stream().min(Comparator.comparingDouble(Measurement::value)).orElseThrow();
    }

    static Measurement max(List<Measurement> ms) {
        return ms.stream().max(Comparator.comparingDouble(Measurement::value)).orElseThrow();
    }

    /** Highest points over all values: for V-shaped APACHE tables this equals scoring both min and max. */
    static Integer points(List<Measurement> ms, Bands bands) {
        OptionalInt worst = ms.stream().mapToInt(m -> bands.score(m.value())).max();
        return worst.isPresent() ? worst.getAsInt() : null;
    }
}
