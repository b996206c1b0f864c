package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** application.yaml documents the defaults of docs/randomization.md, and binds to the same values the record falls back to. */
class RandomizationPropertiesTest {

	@Test
	void applicationYamlStatesTheDefaults() throws Exception {
		RandomizationProperties bound = bind(new YamlPropertySourceLoader().load("application",
				new ClassPathResource("application.yaml")));
		assertThat(bound.stratifyBy()).containsExactly("site", "baseline-jaam");
		assertThat(bound.jaamCutOff()).isEqualTo(6);
		assertThat(bound.blockMultiples()).containsExactly(1, 2);
		var eligibility = bound.eligibility();
		assertThat(eligibility.enabled()).isTrue();
		assertThat(eligibility.sepsis().enabled()).isTrue();
		assertThat(eligibility.sepsis().codes()).contains("http://snomed.info/sct|91302008");
		assertThat(eligibility.jaamDic().minimum()).isEqualTo(4);
		assertThat(eligibility.jaamDic().window()).isEqualTo(Duration.ofHours(24));
		assertThat(eligibility.dicScore()).isEqualTo(DicScore.JAAM_DIC);
		assertThat(eligibility.adult().minimumAge()).isEqualTo(18);
		assertThat(eligibility.notEnrolled().enabled()).isTrue();
		assertThat(eligibility.consent().enabled()).isTrue();
		assertThat(bound.export().signingKey()).isNullOrEmpty(); // export off unless a key is provided

		RandomizationProperties fallback = new RandomizationProperties(null, null, null, null, null);
		assertThat(bound.eligibility()).isEqualTo(fallback.eligibility());
		assertThat(bound.stratifyBy()).isEqualTo(fallback.stratifyBy());
		assertThat(bound.blockMultiples()).isEqualTo(fallback.blockMultiples());
	}

	@Test
	void switchesBindFromRelaxedNames() {
		RandomizationProperties bound = bind(List.of(new MapPropertySource("env", Map.of(
				"trialfhir.randomization.eligibility.consent.enabled", "false",
				"trialfhir.randomization.eligibility.jaam-dic.window", "12h",
				"trialfhir.randomization.stratify-by", "")))); // empty list: a single stratum
		assertThat(bound.eligibility().consent().enabled()).isFalse();
		assertThat(bound.eligibility().sepsis().enabled()).isTrue();
		assertThat(bound.eligibility().jaamDic().window()).isEqualTo(Duration.ofHours(12));
		assertThat(bound.defaultFactors()).isEmpty();
	}

	@Test
	void theDicScoreBindsFromItsTrialScoreCodeAndTodaysKeysKeepWorking() {
		for (var code : Map.of("jaam-dic", DicScore.JAAM_DIC, "jaam-2-dic", DicScore.JAAM_2_DIC, "sic", DicScore.SIC)
				.entrySet()) {
			RandomizationProperties bound = bind(List.of(new MapPropertySource("env", Map.of(
					"trialfhir.randomization.eligibility.dic-score", code.getKey(),
					"trialfhir.randomization.eligibility.jaam-dic.window", "6h",
					"trialfhir.randomization.eligibility.jaam-dic.minimum", "5"))));
			assertThat(bound.eligibility().dicScore()).as(code.getKey()).isEqualTo(code.getValue());
			assertThat(bound.eligibility().jaamDic().window()).isEqualTo(Duration.ofHours(6));
			assertThat(bound.eligibility().jaamDic().minimum()).isEqualTo(5);
		}
		assertThatThrownBy(() -> bind(List.of(new MapPropertySource("env", Map.of(
				"trialfhir.randomization.eligibility.dic-score", "isth-dic")))))
				.isInstanceOf(org.springframework.boot.context.properties.bind.BindException.class);
	}

	@Test
	void refusesUnknownFactorsAndBadBlocks() {
		assertThatThrownBy(() -> new RandomizationProperties(List.of("age"), null, null, null, null))
				.hasMessageContaining("unknown factor age");
		assertThatThrownBy(() -> new RandomizationProperties(null, null, List.of(0), null, null))
				.hasMessageContaining("block-multiples");
	}

	private static RandomizationProperties bind(List<PropertySource<?>> sources) {
		return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
				.bindOrCreate("trialfhir.randomization", RandomizationProperties.class);
	}
}
