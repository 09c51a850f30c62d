package io.kubeletdoctor.fleet;

import java.time.Instant;

import io.kubeletdoctor.diagnosis.CsrCondition;
import org.jspecify.annotations.Nullable;

/** The newest CSR of one signer for a node, and where it stands. */
public record FleetCsr(String name, String signerName, CsrCondition condition, @Nullable Instant created) {
}
