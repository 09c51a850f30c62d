package io.kubeletdoctor.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl {@code kubelet-doctor.public-url}: the base of report permalinks as chat users
 * reach the service; empty means links follow the request, and chat routes refuse to start
 */
@ConfigurationProperties("kubelet-doctor")
public record PublicUrlProperties(@DefaultValue("") String publicUrl) {
}
