package io.kubeletdoctor.fleet;

import java.time.Instant;

/** One CA of the cluster's bundle ({@code kube-root-ca.crt} holds two during a CA rotation). */
public record FleetCa(String subject, Instant notBefore, Instant notAfter, String source) {
}
