package org.trialfhir.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The small trial that src/test/resources/analysis/trial.R generated, read from its CSV files: subjects, derived
 * scores, raw platelet counts and bleeding events, plus R's results ({@link LongRows}).
 */
final class RTrial {

	record SubjectRow(String id, String arm, Instant t0, Instant death, Instant periodEnd) {
	}

	record ScoreRow(String subject, String score, int day, int value, String diagnosis) {
	}

	/** @param value null when the Observation carries a dataAbsentReason instead */
	record PlateletRow(String subject, Instant time, String value, String unit, String status) {
	}

	record BleedingRow(String subject, Instant date, String category, String codedIn) {
	}

	final List<SubjectRow> subjects = new ArrayList<>();
	final List<ScoreRow> scores = new ArrayList<>();
	final List<PlateletRow> platelets = new ArrayList<>();
	final List<BleedingRow> bleeding = new ArrayList<>();

	static RTrial load() {
		RTrial trial = new RTrial();
		for (String[] c : rows("trial-subjects.csv")) {
			trial.subjects.add(new SubjectRow(c[0], c[1], instant(c[2]), instant(c[3]), instant(c[4])));
		}
		for (String[] c : rows("trial-scores.csv")) {
			trial.scores.add(new ScoreRow(c[0], c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]), c[4]));
		}
		for (String[] c : rows("trial-platelets.csv")) {
			trial.platelets.add(new PlateletRow(c[0], instant(c[1]), c[2].isEmpty() ? null : c[2], c[3], c[4]));
		}
		for (String[] c : rows("trial-bleeding.csv")) {
			trial.bleeding.add(new BleedingRow(c[0], instant(c[1]), c[2], c[3]));
		}
		return trial;
	}

	static List<String[]> rows(String file) {
		String[] lines = text(file).split("\r?\n");
		return Arrays.stream(lines).skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
	}

	static String text(String file) {
		try (InputStream in = RTrial.class.getResourceAsStream("/analysis/" + file)) {
			if (in == null) {
				throw new IllegalStateException("missing /analysis/" + file + "; run trial.R");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Instant instant(String text) {
		return text.isEmpty() ? null : Instant.parse(text);
	}
}
