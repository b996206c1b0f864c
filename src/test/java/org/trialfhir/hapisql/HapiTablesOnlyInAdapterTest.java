package org.trialfhir.hapisql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SQL on HAPI's tables lives in {@code org.trialfhir.hapisql} only: no string literal of any other main source names
 * one of HAPI's tables. Comments may (they explain what HAPI does); the migration of HAPI's schema, which runs HAPI's
 * own migrator before HAPI starts, is the one exception.
 */
class HapiTablesOnlyInAdapterTest {

	private static final Path MAIN = Path.of("src/main/java");
	private static final Path ADAPTER = MAIN.resolve("org/trialfhir/hapisql");
	private static final Path MIGRATIONS = MAIN.resolve("org/trialfhir/server/DatabaseMigrations.java");
	/** HAPI's table prefixes: resources and indexes, batch jobs, terminology, packages, its migration history. */
	private static final Pattern HAPI_TABLE = Pattern.compile("(?i)\\b(hfj|bt2|trm|npm|fly_hfj)_[a-z0-9_]+");

	@Test
	void noOtherPackageNamesHapisTablesInItsStrings() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(ADAPTER)
					&& !f.equals(MIGRATIONS)).toList()) {
				for (Literal literal : literals(Files.readString(file))) {
					Matcher table = HAPI_TABLE.matcher(literal.text());
					if (table.find()) {
						found.add(MAIN.relativize(file) + ":" + literal.line() + " " + table.group());
					}
				}
			}
		}
		assertThat(found).as("SQL on HAPI's tables outside org.trialfhir.hapisql").isEmpty();
	}

	@Test
	void readsStringsNotComments() {
		String source = """
				// hfj_resource in a comment
				/* hfj_res_link in a block comment, "quoted" */
				String sql = "SELECT 1 FROM hfj_spidx_token WHERE x = '\\"'";
				char quote = '"';
				String block = \"""
						SELECT * FROM bt2_job_instance
						\""";
				""";
		assertThat(literals(source)).extracting(Literal::line).containsExactly(3, 5);
		assertThat(literals(source).get(0).text()).contains("hfj_spidx_token").doesNotContain("hfj_resource");
		assertThat(literals(source).get(1).text()).contains("bt2_job_instance");
	}

	/** A string literal or text block and the line it starts on. */
	record Literal(int line, String text) {
	}

	/** The string literals and text blocks of Java source, skipping comments and character literals. */
	static List<Literal> literals(String source) {
		List<Literal> literals = new ArrayList<>();
		int line = 1;
		int i = 0;
		while (i < source.length()) {
			char c = source.charAt(i);
			if (source.startsWith("//", i)) {
				i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
			} else if (source.startsWith("/*", i)) {
				int end = source.indexOf("*/", i + 2);
				end = end < 0 ? source.length() : end + 2;
				line += count(source, i, end);
				i = end;
			} else if (source.startsWith("\"\"\"", i)) {
				int end = source.indexOf("\"\"\"", i + 3);
				end = end < 0 ? source.length() : end;
				literals.add(new Literal(line, source.substring(i + 3, end)));
				line += count(source, i, end);
				i = end + 3;
			} else if (c == '"' || c == '\'') {
				int end = i + 1;
				while (end < source.length() && source.charAt(end) != c) {
					end += source.charAt(end) == '\\' ? 2 : 1;
				}
				if (c == '"') {
					literals.add(new Literal(line, source.substring(i + 1, Math.min(end, source.length()))));
				}
				i = end + 1;
			} else {
				line += c == '\n' ? 1 : 0;
				i++;
			}
		}
		return literals;
	}

	private static int count(String source, int from, int to) {
		return (int) source.substring(from, Math.min(to, source.length())).chars().filter(ch -> ch == '\n').count();
	}
}
