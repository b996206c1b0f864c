package org.trialfhir.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.trialfhir.analysis.report.HtmlReport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The HTML report is well-formed XHTML with inline SVG charts and nothing fetched from elsewhere. */
class HtmlReportTest {

	private static final String XHTML = "http://www.w3.org/1999/xhtml";
	private static final String SVG = "http://www.w3.org/2000/svg";

	@Test
	void reportIsWellFormedWithOneSurvivalChartAndOneChartPerVariable() throws Exception {
		String html = HtmlReport.render(AnalysisAgainstRTest.result(true), Instant.parse("2026-03-01T00:00:00Z"));
		Document document = parse(html);

		// 1 Kaplan-Meier chart + 7 default variables (six scores and platelets)
		assertThat(document.getElementsByTagNameNS(SVG, "svg").getLength()).isEqualTo(8);
		assertThat(document.getElementsByTagNameNS(XHTML, "script").getLength()).isZero();
		assertThat(attributes(document, "src")).isZero();
		assertThat(attributes(document, "href")).isZero();
		assertThat(html).contains("Mortality by day 28", "DIC resolution by day 7", "Bleeding within day 28",
				"APACHE II", "platelets (10*9/L)", "risk ratio, Katz log");
		// the mortality table: 8/18 and 12/24 died by day 28 (expected.csv); Fisher p 0.7638 (R: 0.763790378185777)
		assertThat(html).contains("44.4 %", "50 %", "0.7638");
	}

	@Test
	void blindedReportShowsOnlyPooledCounts() throws Exception {
		String html = HtmlReport.render(AnalysisAgainstRTest.result(false), Instant.parse("2026-03-01T00:00:00Z"));
		Document document = parse(html);

		assertThat(document.getElementsByTagNameNS(SVG, "svg").getLength()).isZero();
		// 42 subjects, 8 + 12 = 20 deaths by day 28: 47.6 %
		assertThat(html).contains("blinded", "<td>42</td><td>20</td><td>47.6 %</td>").doesNotContain("rTM:");
	}

	private static Document parse(String html) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
	}

	private static int attributes(Document document, String name) {
		NodeList all = document.getElementsByTagName("*");
		int count = 0;
		for (int i = 0; i < all.getLength(); i++) {
			count += ((Element) all.item(i)).hasAttribute(name) ? 1 : 0;
		}
		return count;
	}
}
