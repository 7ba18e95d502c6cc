package io.siameseverify.encoder.card;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The subject-verify rules against their definitions (the same as
 * {@code siamese_training/enrolment.py}'s), on distances worked out by hand.
 */
class SubjectRuleTests {

	private static final double[] DISTANCES = { 0.5, 0.2, 0.4, 0.3 };

	@Test
	void smallestShouldTakeTheClosestReference() {
		assertThat(SubjectRule.smallest(0.3).score(DISTANCES, 0.25)).isEqualTo(0.2);
	}

	@Test
	void meanOfNearestShouldAverageTheKSmallestAndAllWhenFewer() {
		assertThat(new SubjectRule(SubjectRule.Kind.MEAN_OF_NEAREST, 2, 0.3).score(DISTANCES, Double.NaN))
			.isCloseTo(0.25, within(1e-12));
		assertThat(new SubjectRule(SubjectRule.Kind.MEAN_OF_NEAREST, 9, 0.3).score(DISTANCES, Double.NaN))
			.isCloseTo(0.35, within(1e-12));
	}

	@Test
	void spreadNormalizedShouldDivideBySpreadAndFallBackWithOneReference() {
		SubjectRule rule = new SubjectRule(SubjectRule.Kind.SPREAD_NORMALIZED, 1, 1.0);
		assertThat(rule.score(DISTANCES, 0.4)).isCloseTo(0.5, within(1e-12));
		assertThat(rule.score(new double[] { 0.3 }, Double.NaN)).isEqualTo(0.3);
		assertThat(rule.needsSpread()).isTrue();
	}

	@Test
	void labelsShouldNameTheRuleAsDecisionsShowIt() {
		assertThat(SubjectRule.of("mean-of-nearest", 3, 0.4).label()).isEqualTo("mean-of-nearest-3");
		assertThat(SubjectRule.of("smallest", null, 0.4).label()).isEqualTo("smallest");
		assertThat(SubjectRule.of("spread-normalized", null, 0.4).label()).isEqualTo("spread-normalized");
	}

	@Nested
	class Rejects {

		@Test
		void anUnknownRuleOrKBelowOne() {
			assertThatThrownBy(() -> SubjectRule.of("median", null, 0.4)).hasMessageContaining("unknown subject rule");
			assertThatThrownBy(() -> SubjectRule.of("mean-of-nearest", 0, 0.4)).hasMessageContaining("k must be");
		}

		@Test
		void aSubjectWithoutReferences() {
			assertThatThrownBy(() -> SubjectRule.smallest(0.4).score(new double[0], Double.NaN))
				.isInstanceOf(IllegalArgumentException.class);
		}

		@Test
		void thresholdsOutsideTheScoresRange() {
			SubjectRule ratio = SubjectRule.of("spread-normalized", null, 1.0);
			assertThat(ratio.isValidThreshold(Metric.COSINE, 3.5)).as("a ratio may pass 2").isTrue();
			assertThat(ratio.isValidThreshold(Metric.COSINE, Double.POSITIVE_INFINITY)).isFalse();
			assertThat(SubjectRule.smallest(0.4).isValidThreshold(Metric.COSINE, 3.5)).isFalse();
		}

	}

}
