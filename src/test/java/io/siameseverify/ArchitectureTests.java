package io.siameseverify;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.Face;
import io.siameseverify.encoder.Preprocessor;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * What each package-info.java says a package may use, kept true: the feature packages
 * form no cycle, encoder and gallery know nothing of HTTP, the gallery's store of record
 * uses nothing else of the service, the decision and enrolment features stay apart,
 * security uses no feature, and nothing imports the shared web package.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.siameseverify");

	private static final String[] HTTP = { "org.springframework.web..", "org.springframework.http..",
			"jakarta.servlet.." };

	@Test
	void featurePackagesShouldFormNoCycle() {
		slices().matching("io.siameseverify.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void encoderAndGalleryShouldKnowNothingOfHttp() {
		noClasses().that()
			.resideInAnyPackage("io.siameseverify.encoder..", "io.siameseverify.gallery..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(HTTP)
			.check(CLASSES);
	}

	@Test
	void galleryStoreShouldDependOnNothingElseOfTheService() {
		noClasses().that()
			.resideInAPackage("io.siameseverify.gallery.store..")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("io.siameseverify.gallery.store..", "java..", "javax.sql..", "org.postgresql..",
					"org.sqlite..", "org.flywaydb..", "com.zaxxer.hikari..", "io.micrometer..", "org.slf4j..")
			.check(CLASSES);
	}

	@Test
	void encoderShouldDependOnNoOtherFeature() {
		noClasses().that()
			.resideInAPackage("io.siameseverify.encoder..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.siameseverify.gallery..", "io.siameseverify.enrollment..",
					"io.siameseverify.verification..", "io.siameseverify.calibration..", "io.siameseverify.web..",
					"io.siameseverify.config..")
			.check(CLASSES);
	}

	@Test
	void verificationAndEnrollmentShouldNotUseEachOther() {
		noClasses().that()
			.resideInAPackage("io.siameseverify.verification..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.siameseverify.enrollment..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("io.siameseverify.enrollment..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.siameseverify.verification..")
			.check(CLASSES);
	}

	@Test
	void noFeatureShouldImportTheWebPackage() {
		noClasses().that()
			.resideOutsideOfPackage("io.siameseverify.web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.siameseverify.web..")
			.check(CLASSES);
	}

	/**
	 * The encoder's rooms, in the order an image goes through them: card (what a model
	 * folder says), runtime (networks on the inference workers), image (decoding,
	 * resampling), face and signature (the two pipelines), and the assembly at the root.
	 */
	@Test
	void encoderRoomsShouldFormNoCycle() {
		slices().matching("io.siameseverify.encoder.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void faceAndSignatureShouldNotUseEachOther() {
		noClasses().that()
			.resideInAPackage("io.siameseverify.encoder.face..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.siameseverify.encoder.signature..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("io.siameseverify.encoder.signature..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.siameseverify.encoder.face..")
			.check(CLASSES);
	}

	@Test
	void theRuntimeShouldKnowNothingOfImages() {
		noClasses().that()
			.resideInAPackage("io.siameseverify.encoder.runtime..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.siameseverify.encoder.image..", "io.siameseverify.encoder.face..",
					"io.siameseverify.encoder.signature..", "java.awt..", "javax.imageio..")
			.check(CLASSES);
	}

	@Test
	void theCardShouldUseNoOtherRoom() {
		noClasses().that()
			.resideInAPackage("io.siameseverify.encoder.card..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.siameseverify.encoder", "io.siameseverify.encoder.runtime..",
					"io.siameseverify.encoder.image..", "io.siameseverify.encoder.face..",
					"io.siameseverify.encoder.signature..")
			.check(CLASSES);
	}

	/**
	 * The rooms meet the assembly only through the preprocessing contract they implement
	 * (the preprocessor, its options, and the faces it reports).
	 */
	@Test
	void roomsShouldUseOnlyThePreprocessorContractOfTheAssembly() {
		noClasses().that()
			.resideInAnyPackage("io.siameseverify.encoder.card..", "io.siameseverify.encoder.runtime..",
					"io.siameseverify.encoder.image..", "io.siameseverify.encoder.face..",
					"io.siameseverify.encoder.signature..")
			.should()
			.dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.siameseverify.encoder")
				.and(DescribedPredicate
					.not(JavaClass.Predicates.belongToAnyOf(Preprocessor.class, EncodeOptions.class, Face.class))))
			.check(CLASSES);
	}

	@Test
	void securityShouldUseNoFeature() {
		noClasses().that()
			.resideInAPackage("io.siameseverify.security..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.siameseverify.encoder..", "io.siameseverify.gallery..",
					"io.siameseverify.enrollment..", "io.siameseverify.verification..",
					"io.siameseverify.calibration..", "io.siameseverify.web..", "io.siameseverify.config..")
			.check(CLASSES);
	}

	@Test
	void calibrationShouldUseTheEncoderOnly() {
		noClasses().that()
			.resideInAPackage("io.siameseverify.calibration..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.siameseverify.gallery..", "io.siameseverify.enrollment..",
					"io.siameseverify.verification..", "io.siameseverify.web..")
			.check(CLASSES);
	}

}
