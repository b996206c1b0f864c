package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.trialfhir.scoring.NorepinephrineSalt;
import org.trialfhir.scoring.SiteSettings;
import org.trialfhir.scoring.Thresholds;

/** The keys of docs/api.md §4 bind to the scoring settings; a site without settings gets the defaults of docs/api.md §4. */
class ScoringPropertiesTest {

	private static ScoringProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("trialfhir.scoring",
				ScoringProperties.class);
	}

	@Test
	void contractKeysBind() {
		ScoringProperties p = bind(Map.of(
				"trialfhir.scoring.sites.site-jp.pt-control-seconds", "12.0",
				"trialfhir.scoring.sites.site-jp.atmospheric-pressure-mmhg", "750",
				"trialfhir.scoring.sites.site-jp.allow-inr-for-pt-ratio", "false",
				"trialfhir.scoring.sites.site-jp.ddimer-fdp-equivalents-ug-per-ml", "5.4,13.2",
				"trialfhir.scoring.sites.site-jp.isth-fibrin-marker.fdp", "10,20",
				"trialfhir.scoring.sites.site-jp.isth-fibrin-marker.d-dimer", "5.4,10.0",
				"trialfhir.scoring.sites.site-jp.allow-preliminary", "true",
				"trialfhir.scoring.recompute.delay", "5s"));
		assertThat(p.settingsFor("site-jp")).isEqualTo(new SiteSettings(12.0, 750, false, new Thresholds(5.4, 13.2),
				new Thresholds(10, 20), new Thresholds(5.4, 10.0), true));
		assertThat(p.allowsPreliminary("site-jp")).isTrue();
		assertThat(p.recompute().delay()).isEqualTo(Duration.ofSeconds(5));
		assertThat(p.recompute().pollInterval()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void norepinephrineProductsBindToTheirSalts() {
		ScoringProperties p = bind(Map.of(
				"trialfhir.scoring.sites.site-jp.norepinephrine-products.NE-BIT", "bitartrate-monohydrate",
				"trialfhir.scoring.sites.site-jp.norepinephrine-products.NE-HCL", "hydrochloride"));
		assertThat(p.settingsFor("site-jp").norepinephrineProducts()).isEqualTo(Map.of("NE-BIT",
				NorepinephrineSalt.BITARTRATE_MONOHYDRATE, "NE-HCL", NorepinephrineSalt.HYDROCHLORIDE));
		assertThat(p.settingsFor("site-us").norepinephrineProducts()).isEmpty();
	}

	@Test
	void theSicPtRatioFallbackIsASiteSettingOnByDefault() {
		ScoringProperties p = bind(Map.of("trialfhir.scoring.sites.site-us.allow-pt-ratio-for-inr", "false",
				"trialfhir.scoring.sites.site-jp.pt-control-seconds", "12.0"));
		assertThat(p.settingsFor("site-us").allowPtRatioForInr()).isFalse();
		assertThat(p.settingsFor("site-us").allowInrForPtRatio()).isTrue(); // the JAAM/JMHW surrogate is another key
		assertThat(p.settingsFor("site-jp").allowPtRatioForInr()).isTrue();
		assertThat(p.settingsFor("site-x").allowPtRatioForInr()).isTrue();
	}

	@Test
	void unknownOrAbsentSitesGetTheDefaults() {
		ScoringProperties p = bind(Map.of());
		assertThat(p.settingsFor("site-x")).isEqualTo(SiteSettings.DEFAULTS);
		assertThat(p.settingsFor(null)).isEqualTo(SiteSettings.DEFAULTS);
		assertThat(p.allowsPreliminary("site-x")).isFalse();
		// a site with one key keeps the other defaults (760 mmHg, INR allowed, FDP 10 / 25)
		ScoringProperties one = bind(Map.of("trialfhir.scoring.sites.site-b.pt-control-seconds", "11.5"));
		assertThat(one.settingsFor("site-b")).isEqualTo(SiteSettings.DEFAULTS.withPtControlSeconds(11.5));
	}

	@Test
	void aThresholdPairNeedsTwoAscendingValues() {
		assertThatThrownBy(() -> bind(Map.of("trialfhir.scoring.sites.s.isth-fibrin-marker.fdp", "10")))
				.isInstanceOf(BindException.class);
		assertThatThrownBy(() -> bind(Map.of("trialfhir.scoring.sites.s.ddimer-fdp-equivalents-ug-per-ml", "13,5")))
				.isInstanceOf(BindException.class);
	}

	@Test
	void maxDelayBoundsTheDebounceAndIsNeverShorterThanTheDelay() {
		assertThat(bind(Map.of()).recompute().maxDelay()).isEqualTo(Duration.ofSeconds(30));
		assertThat(bind(Map.of("trialfhir.scoring.recompute.max-delay", "10s")).recompute().maxDelay())
				.isEqualTo(Duration.ofSeconds(10));
		assertThat(bind(Map.of("trialfhir.scoring.recompute.delay", "1m")).recompute().maxDelay())
				.as("a delay above the default bound raises the default, rather than failing a start that never set it")
				.isEqualTo(Duration.ofMinutes(1));
		assertThat(bind(Map.of("trialfhir.scoring.recompute.delay", "5s", "trialfhir.scoring.recompute.max-delay", "5s"))
				.recompute().maxDelay()).isEqualTo(Duration.ofSeconds(5));
		assertThatThrownBy(() -> bind(Map.of("trialfhir.scoring.recompute.delay", "5s",
				"trialfhir.scoring.recompute.max-delay", "4s"))).isInstanceOf(BindException.class)
				.rootCause().hasMessageContaining("max-delay (PT4S) must not be shorter than delay (PT5S)");
	}
}
