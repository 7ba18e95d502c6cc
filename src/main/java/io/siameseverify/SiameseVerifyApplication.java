package io.siameseverify;

import io.siameseverify.calibration.CalibrateCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Face and signature verification over TorchScript Siamese encoders. {@code calibrate} as
 * the first argument runs the calibration command instead of the server. Spring Boot's
 * data source is left out: the gallery makes the one its store of record needs, if any.
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class SiameseVerifyApplication {

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && "calibrate".equals(args[0])) {
			System.exit(CalibrateCommand.run(SiameseVerifyApplication.class, args));
		}
		SpringApplication.run(SiameseVerifyApplication.class, args);
	}

}
