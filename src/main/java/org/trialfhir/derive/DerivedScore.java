package org.trialfhir.derive;

import java.util.SortedSet;
import org.trialfhir.scoring.ScoreResult;

/** One score of one study day, with the ids of every input it used ({@code Observation/…} and others). */
record DerivedScore(int day, ScoreResult result, SortedSet<String> sources) {
}
