package io.siameseverify.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.siameseverify.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI's "Try it out", as a developer tries the API: authorize with a key, upload
 * two face images to verify, and read the decision.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SwaggerUiBrowserTests {

	private static final Path PHOTO = Path.of("models/face/golden/sample1-detector.png").toAbsolutePath();

	@Value("${local.server.port}")
	private int port;

	private WebDriver browser;

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void tryItOutShouldUploadTwoImagesAndShowTheDecision() throws Exception {
		this.browser = Chromium.start();
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		this.browser.get("http://127.0.0.1:" + this.port + "/swagger-ui/index.html");

		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
		WebElement keyField = wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.xpath("//div[contains(@class,'modal-ux')]//h4[contains(., 'apiKey')]/following::input[1]")));
		keyField.sendKeys(TestKeys.ADMIN);
		this.browser.findElement(By.cssSelector(".modal-ux button.modal-btn.auth.authorize")).click();
		this.browser.findElement(By.cssSelector(".modal-ux button.btn-done")).click();

		WebElement operation = wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("operations-Verification-verifyPair")));
		operation.findElement(By.cssSelector(".opblock-summary")).click();
		wait.until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector(".try-out__btn"))))
			.click();
		operation.findElement(By.cssSelector("tr[data-param-name='model'] input")).sendKeys("face");
		List<WebElement> files = operation
			.findElements(By.cssSelector(".opblock-section-request-body input[type=file]"));
		assertThat(files).as("a file upload for image1 and image2").hasSize(2);
		files.forEach((file) -> file.sendKeys(PHOTO.toString()));
		operation.findElement(By.cssSelector("button.execute")).click();

		By statusCell = By
			.cssSelector("#operations-Verification-verifyPair .live-responses-table tr.response .response-col_status");
		wait.until(ExpectedConditions.textMatches(statusCell, Pattern.compile("\\d{3}")));
		WebElement status = this.browser.findElement(statusCell);
		Chromium.screenshot(this.browser, "swagger-try-it-out");
		String body = operation.findElement(By.cssSelector(".live-responses-table .response-col_description pre"))
			.getText();
		assertThat(status.getText()).as(body).isEqualTo("200");
		assertThat(body).contains("\"match\": true", "\"model\": \"face\"");
	}

}
