package io.siameseverify.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} through its
 * {@code chromedriver}, named explicitly so that nothing is looked up or downloaded.
 */
final class Chromium {

	private static final Path BROWSER = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	/** Where the browser tests leave what the browser showed, for a person to look at. */
	private static final Path SCREENSHOTS = Path.of("target/console-screenshots");

	private Chromium() {
	}

	/**
	 * A new headless browser; the test is skipped without Chromium, unless
	 * {@code SIAMESE_TEST_BROWSER=required} (scripts/test installs it and sets that).
	 */
	static WebDriver start() {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			String missing = "no Chromium here: install Debian's chromium and chromium-driver (scripts/test does)";
			assertThat(System.getenv("SIAMESE_TEST_BROWSER")).as(missing).isNotEqualTo("required");
			Assumptions.abort(missing);
		}
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,1000",
					// a synthetic camera, allowed without asking, for the console's
					// camera
					"--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	/** The page as the browser shows it now, saved as {@code NAME.png}. */
	static void screenshot(WebDriver browser, String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

}
