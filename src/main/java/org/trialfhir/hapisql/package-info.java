/**
 * The adapter to HAPI FHIR's own tables ({@code hfj_*}, {@code bt2_*}, {@code trm_*}, …): every SQL query on HAPI's
 * schema lives in this package and nowhere else, and its public types are the only way any other package reads those
 * tables. New SQL on HAPI's tables goes here too, with an integration test that pins its answer to the equivalent
 * HAPI search (through the DAO or REST) on a few stored resources, so that the day HAPI changes its schema this one
 * package breaks, loudly ({@code src/test/java/org/trialfhir/hapisql}; {@code StoredInputsIT} sits beside the
 * derivation whose records it uses). {@code ArchitectureTest.onlyHapiSqlNamesHapisTables} fails on SQL naming
 * HAPI's tables elsewhere.
 *
 * <p>Why SQL at all: these reads (the T0 of every Observation write, a study's subjects and values for
 * {@code $analyze}, a patient's inputs for a derivation) would otherwise load and parse every resource through HAPI's
 * search; see docs/benchmarks.md. Everything else reads through HAPI's DAOs.
 *
 * <p>Not here: our own tables ({@code trialfhir_*}, {@code ingest_pull_*}), read where they are used. Here too: the
 * migration of HAPI's schema ({@link org.trialfhir.hapisql.HapiSchemaMigration}), which runs HAPI's own migrator
 * before HAPI starts.
 *
 * <p>The hash keys of HAPI's index rows ({@link org.trialfhir.hapisql.IndexHashes}) and the open bounds of its period
 * index ({@link org.trialfhir.hapisql.PeriodIndex}) are decoded here, with HAPI's own functions and settings.
 */
package org.trialfhir.hapisql;
