package io.kubeletdoctor.playbook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param location where the playbooks are read: the ones packaged in the jar by default, or a
 * directory such as {@code file:/etc/kubelet-doctor/playbooks/}
 */
@ConfigurationProperties("kubelet-doctor.playbooks")
record PlaybookProperties(@DefaultValue("classpath:playbooks/") String location) {
}
