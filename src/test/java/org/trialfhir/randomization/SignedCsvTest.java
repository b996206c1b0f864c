package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignedCsvTest {

	@Test
	void hmacSha256MatchesRfc4231TestCase2() {
		// RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?"
		assertThat(SignedCsv.hmacSha256("Jefe", "what do ya want for nothing?"))
				.isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	}

	@Test
	void theLastLineSignsEverythingBeforeIt() {
		String csv = SignedCsv.of(List.of("a", "b"), List.of(List.of("1", "x,y"), List.of("say \"hi\"", "#2")), "k");
		String body = "a,b\n1,\"x,y\"\n\"say \"\"hi\"\"\",\"#2\"\n"; // RFC 4180 quoting; a leading # is no comment
		assertThat(csv).startsWith(body);
		assertThat(csv.substring(body.length())).isEqualTo("# hmac-sha256=" + SignedCsv.hmacSha256("k", body) + "\n");
	}
}
