package org.trialfhir.analysis.consort;

import java.util.ArrayList;
import java.util.List;

/**
 * The CONSORT diagram as inline SVG: enrolment (assessed, excluded with reasons, randomized), then one column per
 * shown arm with its allocation, follow-up and analysis boxes, joined by arrows. Text only in the system font.
 */
final class ConsortDiagram {

	private static final int WIDTH = 640;
	private static final int MARGIN = 20;
	private static final int LINE = 15;
	private static final int PAD = 8;

	private final StringBuilder svg = new StringBuilder();

	private ConsortDiagram() {
	}

	static String svg(ConsortFlow flow, List<ConsortFlow.ArmFlow> columns) {
		return new ConsortDiagram().draw(flow, columns);
	}

	private String draw(ConsortFlow flow, List<ConsortFlow.ArmFlow> columns) {
		int centre = WIDTH / 2;
		int topWidth = 240;
		int y = MARGIN;
		box(centre - topWidth / 2, y, topWidth, List.of("Assessed for eligibility (n = " + flow.assessed() + ")"));
		int assessedBottom = y + height(1);

		List<String> excluded = new ArrayList<>();
		excluded.add("Excluded (n = " + flow.excluded() + ")");
		flow.excludedBy().forEach((criterion, n) -> excluded.add("• failed " + criterion + " (n = " + n + ")"));
		if (flow.excludedOther() > 0) {
			excluded.add("• other (n = " + flow.excludedOther() + ")");
		}
		int excludedX = centre + 30;
		int excludedY = assessedBottom + 20;
		box(excludedX, excludedY, WIDTH - MARGIN - excludedX, excluded);
		int excludedMiddle = excludedY + height(excluded.size()) / 2;
		int randomizedY = excludedY + height(excluded.size()) + 20;
		line(centre, assessedBottom, centre, randomizedY, true);
		line(centre, excludedMiddle, excludedX, excludedMiddle, true);
		box(centre - topWidth / 2, randomizedY, topWidth, List.of("Randomized (n = " + flow.randomized() + ")"));
		int randomizedBottom = randomizedY + height(1);

		int count = columns.size();
		int columnWidth = (WIDTH - MARGIN * (count + 1)) / count;
		int branchY = randomizedBottom + 15;
		int rowY = branchY + 20;
		line(centre, randomizedBottom, centre, branchY, false);
		if (count > 1) {
			line(MARGIN + columnWidth / 2, branchY, MARGIN + (count - 1) * (columnWidth + MARGIN) + columnWidth / 2,
					branchY, false);
		}
		int[] bottoms = new int[3];
		List<List<List<String>>> rows = new ArrayList<>();
		for (ConsortFlow.ArmFlow arm : columns) {
			rows.add(boxesOf(arm, flow.mortalityDay()));
		}
		int[] heights = new int[3];
		for (int row = 0; row < 3; row++) {
			for (List<List<String>> column : rows) {
				heights[row] = Math.max(heights[row], height(column.get(row).size()));
			}
		}
		for (int c = 0; c < count; c++) {
			int x = MARGIN + c * (columnWidth + MARGIN);
			int middle = x + columnWidth / 2;
			line(middle, branchY, middle, rowY, true);
			int top = rowY;
			for (int row = 0; row < 3; row++) {
				if (row > 0) {
					line(middle, top - 20, middle, top, true);
				}
				box(x, top, columnWidth, heights[row], rows.get(c).get(row));
				bottoms[row] = top + heights[row];
				top = bottoms[row] + 20;
			}
		}
		int height = bottoms[2] + MARGIN;
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart consort\" viewBox=\"0 0 " + WIDTH + " " + height
				+ "\" width=\"" + WIDTH + "\" height=\"" + height + "\" role=\"img\" aria-label=\"CONSORT flow diagram\">"
				+ "<defs><marker id=\"consort-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" "
				+ "markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#444\"/></marker></defs>"
				+ "<g font-family=\"system-ui,sans-serif\" font-size=\"12\" fill=\"#222\">" + svg + "</g></svg>";
	}

	private static List<List<String>> boxesOf(ConsortFlow.ArmFlow arm, int day) {
		List<String> allocation = new ArrayList<>();
		allocation.add((arm.name() == null ? "Allocated, all arms" : "Allocated to " + arm.name()) + " (n = "
				+ arm.allocated() + ")");
		if (arm.received() != null) {
			allocation.add("• received allocated intervention (n = " + arm.received() + ")");
			allocation.add("• did not receive it (n = " + arm.notReceived() + ")");
		} else {
			allocation.add("• received allocated intervention: unknown");
		}
		List<String> followUp = List.of("Discontinued (n = " + arm.discontinued() + ")",
				"Lost to follow-up (n = " + arm.lost() + ")");
		List<String> analysis = List.of("Analysed, day-" + day + " mortality (n = " + arm.analysed() + ")",
				"• outcome not known yet (n = " + arm.notAnalysed() + ")");
		return List.of(allocation, followUp, analysis);
	}

	private static int height(int lines) {
		return lines * LINE + 2 * PAD;
	}

	private void box(int x, int y, int width, List<String> lines) {
		box(x, y, width, height(lines.size()), lines);
	}

	private void box(int x, int y, int width, int height, List<String> lines) {
		svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(width)
				.append("\" height=\"").append(height).append("\" fill=\"#fff\" stroke=\"#444\"/>");
		for (int i = 0; i < lines.size(); i++) {
			svg.append("<text x=\"").append(x + PAD).append("\" y=\"").append(y + PAD + (i + 1) * LINE - 3)
					.append("\">").append(escape(lines.get(i))).append("</text>");
		}
	}

	private void line(int x1, int y1, int x2, int y2, boolean arrow) {
		svg.append("<line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2)
				.append("\" y2=\"").append(y2).append("\" stroke=\"#444\"")
				.append(arrow ? " marker-end=\"url(#consort-arrow)\"" : "").append("/>");
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
