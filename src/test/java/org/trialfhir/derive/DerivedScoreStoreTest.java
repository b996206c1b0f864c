package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.springframework.test.util.ReflectionTestUtils;
import org.trialfhir.scoring.DicResult;
import org.trialfhir.scoring.Flag;

/**
 * The writes of derived scores, with HAPI's DAO and id lookup replaced by mocks: an unchanged score is not written,
 * any change is; the reference targets of the changed scores are resolved in one lookup and handed to every write.
 */
class DerivedScoreStoreTest {

	final IFhirResourceDao<Observation> dao = mockDao();
	final IIdHelperService<JpaPid> ids = mockIds();
	final DerivedScoreStore store = store(dao, ids);

	@Test
	void anUnchangedScoreIsNotWritten() {
		Observation stored = asStored(jaam(2, Set.of("Observation/a", "Observation/b")), "3");

		assertThat(store.upsert(List.of(new DerivedScoreStore.Write(jaam(2, Set.of("Observation/a", "Observation/b")),
				stored)))).containsExactly(stored);
		verify(dao, never()).update(any(), any(), any(Boolean.class), any(Boolean.class), any(), any());
	}

	static Stream<Arguments> changes() {
		return Stream.of(
				change("value", o -> o.setValue(new IntegerType(4))),
				change("a flag added", o -> o.addExtension(DerivedObservations.SCORE_FLAG, new CodeType("comparator-used"))),
				change("status", o -> o.setStatus(Observation.ObservationStatus.AMENDED)),
				change("algorithm version", o -> o.getExtensionByUrl(DerivedObservations.ALGORITHM_VERSION)
						.setValue(new StringType("0.0.0-other"))),
				change("an input added", o -> o.addDerivedFrom(new Reference("Observation/c"))),
				change("an input removed", o -> o.getDerivedFrom().remove(1)),
				change("an input replaced", o -> o.getDerivedFrom().get(0).setReference("Observation/c")),
				change("a non-Observation input added", o -> o.addExtension(DerivedObservations.DERIVED_FROM,
						new Reference("Procedure/x"))),
				change("effective end", o -> ((Period) o.getEffective()).getEndElement().setValueAsString(
						"2026-01-03T09:00:01+09:00")),
				change("a component", o -> o.getComponent().get(0).setValue(new IntegerType(0))),
				change("a note", o -> o.addNote().setText("PT ratio from INR 1.2")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("changes")
	void anyChangedFieldWritesANewVersionUnderTheStoredId(String what, Consumer<Observation> change) {
		Observation fresh = jaam(2, Set.of("Observation/a", "Observation/b"));
		change.accept(fresh);
		assertThat(store.sameContent(fresh, jaam(2, Set.of("Observation/a", "Observation/b"))))
				.as("the change is a change").isFalse();

		store.upsert(List.of(new DerivedScoreStore.Write(fresh,
				asStored(jaam(2, Set.of("Observation/a", "Observation/b")), "3"))));

		ArgumentCaptor<Observation> written = ArgumentCaptor.forClass(Observation.class);
		verify(dao).update(written.capture(), isNull(), eq(true), eq(false), any(RequestDetails.class),
				any(TransactionDetails.class));
		assertThat(written.getValue().getIdElement().getValue()).isEqualTo("Observation/ds-s1-jaam-dic-2");
	}

	@Test
	void aNewScoreGetsItsStableId() {
		store.upsert(List.of(new DerivedScoreStore.Write(jaam(5, Set.of("Observation/a")), null)));

		ArgumentCaptor<Observation> written = ArgumentCaptor.forClass(Observation.class);
		verify(dao).update(written.capture(), isNull(), eq(true), eq(false), any(RequestDetails.class),
				any(TransactionDetails.class));
		assertThat(written.getValue().getIdElement().getValue()).isEqualTo("Observation/ds-s1-jaam-dic-5");
	}

	@Test
	void theTargetsOfTheChangedScoresAreResolvedInOneLookupAndGivenToEveryWrite() {
		JpaPid patient = JpaPid.fromId(10L);
		JpaPid a = JpaPid.fromId(11L);
		JpaPid c = JpaPid.fromId(13L);
		Map<IIdType, IResourceLookup<JpaPid>> found = Map.of(new IdType("Patient/p1"), lookup(patient),
				new IdType("Observation/a"), lookup(a), new IdType("Observation/c"), lookup(c));
		// Observation/b: deleted; then none of the two new scores exists yet
		when(ids.resolveResourceIdentities(any(), any(), any())).thenReturn(found, Map.of());

		Observation unchanged = jaam(1, Set.of("Observation/z"));
		store.upsert(List.of(new DerivedScoreStore.Write(unchanged, asStored(jaam(1, Set.of("Observation/z")), "1")),
				new DerivedScoreStore.Write(jaam(2, Set.of("Observation/a", "Observation/b")), null),
				new DerivedScoreStore.Write(jaam(3, Set.of("Observation/a", "Observation/c")), null)));

		@SuppressWarnings("unchecked")
		ArgumentCaptor<Collection<IIdType>> asked = ArgumentCaptor.forClass(Collection.class);
		verify(ids, times(2)).resolveResourceIdentities(any(), asked.capture(), any());
		assertThat(asked.getAllValues().get(0).stream().map(IIdType::getValue).collect(Collectors.toSet()))
				.as("the unchanged score's input is not looked up").containsExactlyInAnyOrder("Patient/p1",
						"Observation/a", "Observation/b", "Observation/c");
		assertThat(asked.getAllValues().get(1).stream().map(IIdType::getValue).collect(Collectors.toSet()))
				.as("then which of the changed scores exist").containsExactlyInAnyOrder("Observation/ds-s1-jaam-dic-2",
						"Observation/ds-s1-jaam-dic-3");

		ArgumentCaptor<TransactionDetails> details = ArgumentCaptor.forClass(TransactionDetails.class);
		verify(dao, times(2)).update(any(), isNull(), eq(true), eq(false), any(RequestDetails.class),
				details.capture());
		assertThat(details.getAllValues().get(0)).isSameAs(details.getAllValues().get(1));
		TransactionDetails given = details.getValue();
		assertThat(given.getResolvedResourceId(new IdType("Patient/p1"))).isSameAs(patient);
		assertThat(given.getResolvedResourceId(new IdType("Observation/a"))).isSameAs(a);
		assertThat(given.getResolvedResourceId(new IdType("Observation/c"))).isSameAs(c);
		assertThat(given.hasResolvedResourceId(new IdType("Observation/b"))).as("left to HAPI").isFalse();
		assertThat(given.isResolvedResourceIdEmpty(new IdType("Observation/ds-s1-jaam-dic-2")))
				.as("a new score: HAPI creates it without looking it up").isTrue();
	}

	@Test
	void aStoredScoreIsGivenAsFoundAndANewOneThatAnotherReferencesIsNotTakenForAbsent() {
		JpaPid storedPid = JpaPid.fromId(20L);
		Observation stored = asStored(jaam(1, Set.of("Observation/a")), "1");
		Map<IIdType, IResourceLookup<JpaPid>> storedFound = Map
				.of(new IdType("Observation/" + stored.getIdElement().getIdPart()), lookup(storedPid));
		when(ids.resolveResourceIdentities(any(), any(), any())).thenReturn(Map.of(), storedFound);
		Observation referencesTheNewOne = jaam(2, Set.of("Observation/ds-s1-jaam-dic-3"));

		store.upsert(List.of(new DerivedScoreStore.Write(jaam(1, Set.of("Observation/b")), stored),
				new DerivedScoreStore.Write(referencesTheNewOne, null),
				new DerivedScoreStore.Write(jaam(3, Set.of("Observation/a")), null)));

		ArgumentCaptor<TransactionDetails> details = ArgumentCaptor.forClass(TransactionDetails.class);
		verify(dao, times(3)).update(any(), isNull(), eq(true), eq(false), any(RequestDetails.class),
				details.capture());
		TransactionDetails given = details.getValue();
		assertThat(given.getResolvedResourceId(new IdType("Observation/" + stored.getIdElement().getIdPart())))
				.isSameAs(storedPid);
		assertThat(given.isResolvedResourceIdEmpty(new IdType("Observation/ds-s1-jaam-dic-2"))).isTrue();
		assertThat(given.hasResolvedResourceId(new IdType("Observation/ds-s1-jaam-dic-3")))
				.as("referenced by another score of the run: HAPI looks it up once it is written").isFalse();
		@SuppressWarnings("unchecked")
		ArgumentCaptor<Collection<IIdType>> asked = ArgumentCaptor.forClass(Collection.class);
		verify(ids, times(2)).resolveResourceIdentities(any(), asked.capture(), any());
		assertThat(asked.getAllValues().get(1).stream().map(IIdType::getValue).collect(Collectors.toSet()))
				.as("a referenced score is not asked for with deleted ones included").containsExactlyInAnyOrder(
						"Observation/" + stored.getIdElement().getIdPart(), "Observation/ds-s1-jaam-dic-2");
	}

	@Test
	void nothingChangedNothingLookedUp() {
		store.upsert(List.of(new DerivedScoreStore.Write(jaam(1, Set.of("Observation/z")),
				asStored(jaam(1, Set.of("Observation/z")), "1"))));

		verify(ids, never()).resolveResourceIdentities(any(), any(), any());
	}

	private static Arguments change(String what, Consumer<Observation> change) {
		return Arguments.of(what, change);
	}

	/** A JAAM DIC score of subject s1 on {@code day}, as the derivation renders it. */
	private static Observation jaam(int day, Set<String> inputs) {
		DicResult result = new DicResult("jaam-dic", 3, Map.of("platelets", 1), List.of(), 6, null, true,
				java.util.EnumSet.of(Flag.INR_FOR_PT_RATIO), List.of("PT ratio from INR 1.3"), new TreeSet<>(inputs));
		return DerivedObservations.render(Records.subject(), day, result, new TreeSet<>(inputs));
	}

	/** As read back from HAPI: with its id, a version and a lastUpdated. */
	private static Observation asStored(Observation rendered, String version) {
		Observation stored = rendered.copy();
		stored.setId(new IdType("Observation", DerivedScoreStore.resourceId(DerivedObservations.identifierValue(
				rendered)), version));
		stored.getMeta().setVersionId(version).setLastUpdated(new java.util.Date(0));
		return stored;
	}

	@SuppressWarnings("unchecked")
	private static IResourceLookup<JpaPid> lookup(JpaPid pid) {
		IResourceLookup<JpaPid> lookup = mock(IResourceLookup.class);
		when(lookup.getPersistentId()).thenReturn(pid);
		return lookup;
	}

	@SuppressWarnings("unchecked")
	private static IFhirResourceDao<Observation> mockDao() {
		IFhirResourceDao<Observation> dao = mock(IFhirResourceDao.class);
		when(dao.update(any(), any(), any(Boolean.class), any(Boolean.class), any(), any()))
				.thenAnswer(call -> new DaoMethodOutcome().setResource(call.getArgument(0)));
		return dao;
	}

	@SuppressWarnings("unchecked")
	private static IIdHelperService<JpaPid> mockIds() {
		return mock(IIdHelperService.class);
	}

	private static DerivedScoreStore store(IFhirResourceDao<Observation> dao, IIdHelperService<JpaPid> ids) {
		DaoRegistry daos = mock(DaoRegistry.class);
		when(daos.getResourceDao(Observation.class)).thenReturn(dao);
		DerivedScoreStore store = new DerivedScoreStore(daos, ids, FhirContext.forR4Cached());
		ReflectionTestUtils.setField(store, "entityManager", mock(EntityManager.class)); // Spring's, in the server
		return store;
	}
}
