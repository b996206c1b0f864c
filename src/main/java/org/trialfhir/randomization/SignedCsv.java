package org.trialfhir.randomization;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A CSV document whose last line signs everything before it: {@code # hmac-sha256=<hex>} (HMAC, RFC 2104, with
 * SHA-256, over the UTF-8 bytes of the preceding lines). Verify with
 * {@code head -n -1 list.csv | openssl dgst -sha256 -hmac "$KEY"}; read in R with {@code read.csv(f, comment.char = "#")}.
 */
final class SignedCsv {

	static final String SIGNATURE_PREFIX = "# hmac-sha256=";

	private SignedCsv() {}

	/** The document: header, rows, then the signature line; fields are quoted where CSV needs it. */
	static String of(List<String> header, List<List<String>> rows, String key) {
		StringBuilder body = new StringBuilder();
		line(body, header);
		rows.forEach(row -> line(body, row));
		return body + SIGNATURE_PREFIX + hmacSha256(key, body.toString()) + "\n";
	}

	static String hmacSha256(String key, String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
		}
	}

	private static void line(StringBuilder out, List<String> fields) {
		for (int i = 0; i < fields.size(); i++) {
			out.append(i == 0 ? "" : ",").append(field(fields.get(i)));
		}
		out.append('\n');
	}

	private static String field(String value) {
		if (value == null) {
			return "";
		}
		boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.startsWith("#");
		return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
	}
}
