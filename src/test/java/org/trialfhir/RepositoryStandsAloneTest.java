package org.trialfhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone of the repository holds its whole specification (docs/): no source, doc, profile or benchmark may send the
 * reader to a document the clone does not contain — the specification documents the project was first written from,
 * a sibling {@code shared} folder, or a path on a developer's machine. The patterns are spelt as regular expressions
 * so that this file does not name those documents itself.
 */
class RepositoryStandsAloneTest {

	/** What a clone must be readable from; paths relative to the repository root (Maven's working directory). */
	private static final List<String> WALKED = List.of("README.md", "docs", "src", "bench", "profiles", "fhir-examples");

	private static final Pattern OUTSIDE_DOCUMENT = Pattern.compile(
			// the outside specification documents, e.g. the score, API, statistics and stack specifications
			"\\b(?:SCORES(?:-2)?|CONTRACT|STATISTICS|STACK|STYLE|codes)\\.md\\b"
					// the folder next to the repository they lived in
					+ "|\\.\\./shared\\b"
					// an absolute path of the machine the project was written on
					+ "|(?<![\\w.~-])/work[/]");

	@Test
	void noFileNamesADocumentOutsideTheRepository() throws IOException {
		List<String> references = new ArrayList<>();
		for (String root : WALKED) {
			Path start = Path.of(root);
			assertThat(start).as("the test runs from the repository root").exists();
			try (Stream<Path> files = Files.walk(start)) {
				files.filter(Files::isRegularFile).filter(file -> !isBuildOutput(file)).sorted()
						.forEach(file -> references.addAll(referencesIn(file)));
			}
		}
		assertThat(references).as("references to documents outside the repository (point them at docs/)").isEmpty();
	}

	@Test
	void theCheckRecognisesEachFormOfOutsideReference() {
		assertThat(OUTSIDE_DOCUMENT.matcher("as " + "SCORES" + ".md §2 prints it").find()).isTrue();
		assertThat(OUTSIDE_DOCUMENT.matcher("see " + "SCORES-2" + ".md").find()).isTrue();
		assertThat(OUTSIDE_DOCUMENT.matcher("(" + "codes" + ".md)").find()).isTrue();
		assertThat(OUTSIDE_DOCUMENT.matcher("../" + "shared/stats").find()).isTrue();
		assertThat(OUTSIDE_DOCUMENT.matcher(" * /" + "work/briefs/x").find()).isTrue();
		// not references: the Java constant SCORES, a docs/ page, a URL that happens to contain the segment
		assertThat(OUTSIDE_DOCUMENT.matcher("SCORES.put(\"sofa\", \"SOFA\")").find()).isFalse();
		assertThat(OUTSIDE_DOCUMENT.matcher("docs/scores-spec.md §2.1").find()).isFalse();
		assertThat(OUTSIDE_DOCUMENT.matcher("https://example.org/work/1").find()).isFalse();
	}

	/**
	 * Maven's output of the benchmark modules ({@code bench/target}, {@code bench/plain-peer/target}) and the raw
	 * results (bench/results): not in a clone (.gitignore), and the compiler lists its inputs there by absolute path.
	 */
	private static boolean isBuildOutput(Path file) {
		for (Path part : file) {
			if (part.toString().equals("target")) {
				return true;
			}
		}
		return file.startsWith(Path.of("bench", "results"));
	}

	/** "file:line: text" for each line of a text file that names an outside document; binary files have none. */
	private static List<String> referencesIn(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		} catch (MalformedInputException binary) {
			return List.of();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		List<String> found = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (OUTSIDE_DOCUMENT.matcher(lines.get(i)).find()) {
				found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
			}
		}
		return found;
	}
}
