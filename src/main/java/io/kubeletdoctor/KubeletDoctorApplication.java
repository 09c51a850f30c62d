package io.kubeletdoctor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KubeletDoctorApplication {

	public static void main(String[] args) {
		SpringApplication.run(KubeletDoctorApplication.class, args);
	}

}
