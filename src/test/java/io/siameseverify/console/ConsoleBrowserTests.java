package io.siameseverify.console;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import io.siameseverify.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real browser (headless Chromium through its driver) against the
 * running service on the shipped models: a key pasted, a pair verified, a subject
 * enrolled, identified, inspected and deleted. Each view is saved as a screenshot under
 * {@code target/console-screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTests {

	private static final Path FACES = Path.of("models/face/golden").toAbsolutePath();

	private static final Path SIGNATURES = Path.of("models/signature/golden").toAbsolutePath();

	private static final String SUBJECT = "console-alice";

	@Value("${local.server.port}")
	private int port;

	@TempDir
	private Path images;

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeAll
	void openBrowser() {
		this.browser = Chromium.start();
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		this.browser.get("http://127.0.0.1:" + this.port + "/");
	}

	@AfterAll
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	@Order(1)
	void keyShouldBeRefusedWhenWrongAndListTheModelsWhenRight() {
		pasteKey("not-a-key");
		this.wait.until(ExpectedConditions.textToBe(By.id("key-status"), "key refused"));
		assertThat(find("#problem").getText()).contains("401");

		pasteKey(TestKeys.ADMIN);
		this.wait.until(ExpectedConditions.textToBe(By.id("key-status"), "key accepted"));
		assertThat(new Select(find("#model")).getOptions()).extracting(WebElement::getText)
			.containsExactly("face", "signature");
		assertThat(find("#model-info").getText()).contains("euclidean distance", "threshold 0.6");
	}

	@Test
	@Order(2)
	void verifyShouldShowTheDecisionOnTheDistanceBar() throws IOException {
		new Select(find("#model")).selectByValue("face");
		find("#verify-image1").sendKeys(FACES.resolve("sample1-detector.png").toString());
		find("#verify-image2").sendKeys(FACES.resolve("sample1-detector.png").toString());
		find("#verify-run").click();
		WebElement result = visible("#verify-result");
		assertThat(result.findElement(By.className("verdict")).getText()).isEqualTo("Same");
		assertThat(result.getText()).contains("distance 0.0000", "threshold 0.6", "model face", "faces found: 3, 3");
		assertThat(this.browser.findElements(By.cssSelector("#verify figure.input img")))
			.as("the aligned chip beside each image")
			.hasSize(2)
			.allSatisfy((chip) -> assertThat(chip.getAttribute("src")).startsWith("data:image/png;base64,"));
		screenshot("verify");

		// the left part of the photo holds two of its three faces, the largest of them
		// another person than the photo's largest face
		find("#verify-image2").sendKeys(leftOfThePhoto().toString());
		find("#verify-run").click();
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector("#verify-result .verdict"), "Different"));
		assertThat(find("#verify-result").getText()).contains("faces found: 3, 2");
	}

	@Test
	@Order(3)
	void cameraShouldTakeAPictureIntoThePicker() {
		WebElement canvas = find("#verify .picker[data-name='image1'] canvas");
		String before = canvas.getAttribute("width");
		find("#verify .picker[data-name='image1'] .camera").click();
		WebElement video = visible("#camera-dialog video");
		// Chromium's synthetic camera, 640 × 480 frames
		this.wait.until((browser) -> ((Number) ((JavascriptExecutor) browser)
			.executeScript("return arguments[0].videoWidth", video)).intValue() > 0);
		find("#camera-take").click();
		this.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("camera-dialog")));
		this.wait.until((browser) -> !String.valueOf(canvas.getAttribute("width")).equals(before));
		assertThat(canvas.getAttribute("width")).isEqualTo("640");
	}

	@Test
	@Order(4)
	void problemShouldBeShownWhenTheServiceRefusesAnImage() throws IOException {
		new Select(find("#model")).selectByValue("signature");
		find("#verify-image1").sendKeys(SIGNATURES.resolve("thick-pen.png").toString());
		find("#verify-image2").sendKeys(blank().toString());
		find("#verify-run").click();
		WebElement problem = visible("#problem");
		assertThat(problem.getText()).contains("422", "no ink");
		new Select(find("#model")).selectByValue("face");
	}

	@Test
	@Order(5)
	void enrolShouldAddTheImagesAsReferences() throws IOException {
		tab("enrol");
		find("#enrol-subject").sendKeys(SUBJECT);
		find("#enrol .cropped").click();
		find("#enrol-images")
			.sendKeys(FACES.resolve("sample1-face0-encoder.png") + "\n" + FACES.resolve("sample1-face0-landmarks.png"));
		find("#enrol-run").click();
		WebElement result = visible("#enrol-result");
		assertThat(result.getText()).contains("Enrolled " + SUBJECT, "2 image(s) added", "2 reference(s)");
		screenshot("enrol");
	}

	@Test
	@Order(6)
	void identifyShouldRankTheEnrolledSubjectFirst() throws IOException {
		tab("identify");
		find("#identify .cropped").click();
		find("#identify-image").sendKeys(FACES.resolve("sample1-face0-encoder.png").toString());
		find("#identify-run").click();
		WebElement result = visible("#identify-result");
		assertThat(result.findElement(By.className("verdict")).getText()).isEqualTo("Best match: " + SUBJECT);
		assertThat(result.findElements(By.cssSelector("tbody tr")).get(0).getText()).contains(SUBJECT);
		screenshot("identify");
	}

	@Test
	@Order(7)
	void subjectsShouldBeListedInspectedAndDeleted() throws Exception {
		tab("subjects");
		By row = By.cssSelector("#subjects-table tr[data-subject='" + SUBJECT + "']");
		WebElement subject = this.wait.until(ExpectedConditions.visibilityOfElementLocated(row));
		assertThat(subject.getText()).contains(SUBJECT, "2");
		subject.findElement(By.className("inspect")).click();
		WebElement detail = visible("#subject-detail");
		assertThat(detail.findElements(By.cssSelector("tbody tr"))).hasSize(2);
		screenshot("subjects");

		subject.findElement(By.className("delete")).click();
		this.wait.until(ExpectedConditions.alertIsPresent()).accept();
		this.wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
		assertThat(apiStatus("/v1/models/face/subjects/" + SUBJECT)).isEqualTo(404);
	}

	private Path leftOfThePhoto() throws IOException {
		BufferedImage photo = ImageIO.read(FACES.resolve("sample1-detector.png").toFile());
		return png("left-of-the-photo", photo.getSubimage(0, 0, photo.getWidth() * 6 / 10, photo.getHeight()));
	}

	private Path blank() throws IOException {
		return png("blank", new BufferedImage(300, 120, BufferedImage.TYPE_INT_RGB));
	}

	private Path png(String name, BufferedImage image) throws IOException {
		Path file = this.images.resolve(name + ".png");
		ImageIO.write(image, "png", file.toFile());
		return file.toAbsolutePath();
	}

	private void pasteKey(String key) {
		WebElement field = find("#api-key");
		field.clear();
		field.sendKeys(key);
		find("#key-form button").click();
	}

	private void tab(String view) {
		find("nav button[data-view='" + view + "']").click();
		visible("#" + view);
	}

	private WebElement find(String css) {
		return this.browser.findElement(By.cssSelector(css));
	}

	private WebElement visible(String css) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	private void screenshot(String name) throws IOException {
		Chromium.screenshot(this.browser, name);
	}

	private int apiStatus(String path) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http
				.send(TestKeys.request(URI.create("http://127.0.0.1:" + this.port + path)).GET().build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
	}

}
