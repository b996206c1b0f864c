package org.trialfhir.bulkimport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An import job's state as the poll renders it: progress while it runs, the report once it ended. */
record ImportStatus(ImportJobStore.Job job, ImportJobStore.Progress progress, List<ChunkReport> chunks) {

	boolean finished() {
		return job.state() == ImportJobStore.State.DONE || job.state() == ImportJobStore.State.FAILED;
	}

	/** The {@code X-Progress} header of a running job. */
	String progressHeader() {
		if (job.state() == ImportJobStore.State.FETCHING) {
			return "fetching the input URLs";
		}
		return progress.chunksDone() + " of " + progress.chunks() + " chunks done (" + progress.linesDone() + " of "
				+ progress.lines() + " lines)";
	}

	/**
	 * The report: per type the created and updated counts, every line not written (source, line, type and an
	 * OperationOutcome with the element path), and the chunks with their own counts.
	 */
	String reportJson(String request) {
		ObjectNode root = ChunkReport.JSON.createObjectNode();
		root.put("jobId", job.id().toString()).put("status", job.state() == ImportJobStore.State.DONE ? "completed" : "failed")
				.put("request", request).put("transactionTime", job.createdAt().toString());
		if (job.finishedAt() != null) {
			root.put("finishedTime", job.finishedAt().toString());
		}
		if (job.failure() != null) {
			root.put("failure", job.failure());
		}
		Map<String, ChunkReport.Counts> totals = new TreeMap<>();
		ArrayNode errors = ChunkReport.JSON.createArrayNode();
		ArrayNode chunkNodes = ChunkReport.JSON.createArrayNode();
		int lines = 0;
		for (ChunkReport chunk : chunks) {
			chunk.counts().forEach((type, of) -> {
				ChunkReport.Counts total = totals.computeIfAbsent(type, t -> new ChunkReport.Counts());
				total.created += of.created;
				total.updated += of.updated;
			});
			chunk.errors().forEach(error -> errors.addObject().put("source", error.source()).put("line", error.line())
					.put("type", error.type()).set("outcome", error.outcome()));
			ObjectNode node = chunkNodes.addObject().put("chunk", chunk.seq()).put("source", chunk.source());
			ObjectNode counts = node.putObject("counts");
			chunk.counts().forEach((type, of) -> counts.putObject(type).put("created", of.created).put("updated", of.updated));
			node.put("errors", chunk.errors().size());
			lines += chunk.errors().size();
		}
		ObjectNode output = root.putObject("counts");
		totals.forEach((type, of) -> output.putObject(type).put("created", of.created).put("updated", of.updated));
		root.put("errorCount", lines);
		root.set("errors", errors);
		root.set("chunks", chunkNodes);
		return root.toPrettyString();
	}
}
