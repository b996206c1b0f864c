package org.trialfhir.randomization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;

/**
 * The allocation lists (table trialfhir_allocation_slot, db/migration). Slots of a stratum are taken in list
 * order by transactions serialized on a per-stratum advisory lock, so two concurrent enrolments never get the same slot
 * and a rolled-back enrolment leaves no gap. Must run inside the enrolment's transaction.
 */
@Component
class AllocationSlots {

	/** First key of our transaction-level advisory locks ("RAND"); the second is a hash of study and stratum. */
	private static final int LOCK_NAMESPACE = 0x52414e44;
	/** First key of the per-patient advisory locks ("RPAT"); the second is a hash of study and patient. */
	private static final int PATIENT_LOCK_NAMESPACE = 0x52504154;
	private static final String COLUMNS = "id, study_id, stratum, sequence, block_number, block_size, arm";

	/** A used slot and the ResearchSubject it was allocated to. */
	record Allocation(Slot slot, String researchSubjectId) {}

	private final JdbcTemplate jdbc;

	AllocationSlots(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the next unused slot of the stratum for this transaction, generating the next block first when the list is
	 * used up. The slot stays locked until the transaction ends; {@link #markUsed} consumes it.
	 */
	Slot takeNext(String studyId, Stratum stratum, PermutedBlocks blocks) {
		// held to the end of the transaction: the next enrolment of this stratum sees our slot as used, or unused
		// again if we roll back; and only one transaction at a time extends the list
		jdbc.queryForList("SELECT 1 FROM pg_advisory_xact_lock(?, hashtext(?))", LOCK_NAMESPACE,
				studyId + "\n" + stratum.key());
		return nextUnused(studyId, stratum).orElseGet(() -> {
			append(studyId, stratum, blocks.nextBlock());
			return nextUnused(studyId, stratum).orElseThrow();
		});
	}

	/**
	 * Serializes the enrolments of one patient in one study until this transaction ends: a second one (a retry, a
	 * double submit, whatever its stratum) waits for the first to commit and then finds its slot with
	 * {@link #heldBy}. Taken before the stratum's lock, always in this order.
	 */
	void lockPatient(String studyId, String patientId) {
		jdbc.queryForList("SELECT 1 FROM pg_advisory_xact_lock(?, hashtext(?))", PATIENT_LOCK_NAMESPACE,
				studyId + "\n" + patientId);
	}

	/** The slot the patient already holds in the study, if any: a subject is randomized once. */
	Optional<Allocation> heldBy(String studyId, String patientId) {
		return jdbc.query("SELECT " + COLUMNS + ", research_subject_id FROM trialfhir_allocation_slot "
				+ "WHERE study_id = ? AND patient_id = ?",
				(rs, n) -> new Allocation(slot(rs, n), rs.getString("research_subject_id")), studyId, patientId)
				.stream().findFirst();
	}

	boolean isUsedBy(String researchSubjectId) {
		Boolean used = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM trialfhir_allocation_slot "
				+ "WHERE research_subject_id = ?)", Boolean.class, researchSubjectId);
		return Boolean.TRUE.equals(used);
	}

	void markUsed(Slot slot, String patientId, String researchSubjectId, Instant at) {
		try {
			int updated = jdbc.update("UPDATE trialfhir_allocation_slot SET used_at = ?, patient_id = ?, "
					+ "research_subject_id = ? WHERE id = ? AND used_at IS NULL", Timestamp.from(at), patientId,
					researchSubjectId, slot.id());
			if (updated != 1) {
				throw new IllegalStateException("allocation slot " + slot.id() + " was not free"); // lock not held?
			}
		} catch (DuplicateKeyException e) {
			// the patient already holds a slot: lockPatient() and heldBy() prevent this, the unique index is the last
			// guard
			throw TrialFhirException.unprocessable("Patient/" + patientId + " is not eligible for ResearchStudy/"
					+ slot.studyId() + ": [" + Criterion.NOT_ENROLLED.code + "] already randomized in this study");
		}
	}

	private Optional<Slot> nextUnused(String studyId, Stratum stratum) {
		return jdbc.query("SELECT " + COLUMNS + " FROM trialfhir_allocation_slot WHERE study_id = ? AND stratum = ? "
				+ "AND used_at IS NULL ORDER BY sequence LIMIT 1 FOR UPDATE", AllocationSlots::slot,
				studyId, stratum.key()).stream().findFirst();
	}

	private void append(String studyId, Stratum stratum, List<String> block) {
		Integer[] last = jdbc.queryForObject("SELECT coalesce(max(sequence), 0), coalesce(max(block_number), 0) "
				+ "FROM trialfhir_allocation_slot WHERE study_id = ? AND stratum = ?",
				(rs, n) -> new Integer[] {rs.getInt(1), rs.getInt(2)}, studyId, stratum.key());
		int blockNumber = last[1] + 1;
		for (int i = 0; i < block.size(); i++) {
			jdbc.update("INSERT INTO trialfhir_allocation_slot (study_id, stratum, sequence, block_number, block_size, arm) "
					+ "VALUES (?, ?, ?, ?, ?, ?)", studyId, stratum.key(), last[0] + 1 + i, blockNumber, block.size(),
					block.get(i));
		}
	}

	private static Slot slot(ResultSet rs, int row) throws SQLException {
		return new Slot(rs.getLong("id"), rs.getString("study_id"), rs.getString("stratum"), rs.getInt("sequence"),
				rs.getInt("block_number"), rs.getInt("block_size"), rs.getString("arm"));
	}
}
