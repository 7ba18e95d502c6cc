package io.siameseverify.gallery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Subject ids travel in URL paths: only ids every client can send there and read back are
 * accepted, whatever way they arrive (a path, an import line).
 */
class SubjectIdTests {

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "alice", "bob@example.org", "a.b", "...", ".hidden", "x..y", "_-@" })
	void anIdOfTheAllowedCharactersIsAccepted(String id) {
		assertThat(new SubjectId(id).value()).isEqualTo(id);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", ".", "..", "a/b", "a b", "é", "a%2Fb" })
	void dotSegmentsAndOtherCharactersAreRefused(String id) {
		assertThatThrownBy(() -> new SubjectId(id)).isInstanceOf(InvalidSubjectIdException.class);
	}

	@org.junit.jupiter.api.Test
	void anIdIsAtMost128Characters() {
		assertThat(new SubjectId("a".repeat(128)).value()).hasSize(128);
		assertThatThrownBy(() -> new SubjectId("a".repeat(129))).isInstanceOf(InvalidSubjectIdException.class);
	}

}
