package org.trialfhir.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.trialfhir.analysis.data.Subject;

/** Died by day D, censoring and survival times (docs/api.md §3), by hand. */
class FollowUpTest {

	private static final Instant T0 = Instant.parse("2026-02-01T08:38:00Z");

	@Test
	void deathBeforeDayDIsADeathAtItsTimeInDays() {
		// 5 d 6 h = 5.25 days
		FollowUp followUp = FollowUp.of(subject(T0.plus(Duration.ofHours(5 * 24 + 6)), null), 28);
		assertThat(followUp.died()).isTrue();
		assertThat(followUp.days()).isEqualTo(5.25);
	}

	@Test
	void deathExactlyAtT0Plus28DaysIsNotDiedByDay28() {
		FollowUp followUp = FollowUp.of(subject(T0.plus(Duration.ofDays(28)), null), 28);
		assertThat(followUp.died()).isFalse();
		assertThat(followUp.days()).isEqualTo(28.0);
	}

	@Test
	void deathOneMinuteEarlierIs() {
		// 28 d - 1 min = 40,319 minutes = 40319/1440 days
		FollowUp followUp = FollowUp.of(subject(T0.plus(Duration.ofDays(28)).minusSeconds(60), null), 28);
		assertThat(followUp.died()).isTrue();
		assertThat(followUp.days()).isEqualTo(40319 / 1440.0);
	}

	@Test
	void aliveWithPeriodEndIsCensoredThere() {
		FollowUp followUp = FollowUp.of(subject(null, T0.plus(Duration.ofHours(12 * 24 + 12))), 28);
		assertThat(followUp.died()).isFalse();
		assertThat(followUp.days()).isEqualTo(12.5);
	}

	@Test
	void aRecordedDeathAfterWithdrawalStillCounts() {
		// withdrawn on day 5, death recorded at 12 days: the vital status is known
		FollowUp followUp = FollowUp.of(subject(T0.plus(Duration.ofDays(12)), T0.plus(Duration.ofDays(5))), 28);
		assertThat(followUp.died()).isTrue();
		assertThat(followUp.days()).isEqualTo(12.0);
	}

	@Test
	void periodEndAfterDayDMeansFollowedToDayD() {
		FollowUp followUp = FollowUp.of(subject(null, T0.plus(Duration.ofDays(35))), 28);
		assertThat(followUp.died()).isFalse();
		assertThat(followUp.days()).isEqualTo(28.0);
	}

	@Test
	void equalFollowUpsFromDifferentT0sAreTheSameDouble() {
		Instant otherT0 = T0.plus(Duration.ofMinutes(7 * 60 + 13));
		Duration followUp = Duration.ofMinutes(3 * 1440 + 577);
		double first = FollowUp.of(new Subject("a", "pa", 0, T0, T0.plus(followUp), null), 28).days();
		double second = FollowUp.of(new Subject("b", "pb", 1, otherT0, otherT0.plus(followUp), null), 28).days();
		assertThat(first).isEqualTo(second).isEqualTo((3 * 1440 + 577) / 1440.0);
	}

	@Test
	void aDeathRecordedBeforeT0CountsAtTimeZeroAndIsFlagged() {
		FollowUp followUp = FollowUp.of(subject(T0.minusSeconds(3600), null), 28);
		assertThat(followUp.died()).isTrue();
		assertThat(followUp.days()).isZero();
		assertThat(followUp.beforeT0()).isTrue();
	}

	private static Subject subject(Instant death, Instant periodEnd) {
		return new Subject("s", "p", 0, T0, death, periodEnd);
	}
}
