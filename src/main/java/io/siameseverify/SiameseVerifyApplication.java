package io.siameseverify;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Face and signature verification over TorchScript Siamese encoders.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SiameseVerifyApplication {

	public static void main(String[] args) {
		SpringApplication.run(SiameseVerifyApplication.class, args);
	}

}
