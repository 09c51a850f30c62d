/**
 * Certificates: parsing, issuer verification and making them (for the demo cluster and tests), with BouncyCastle.
 */
@NullMarked
package io.kubeletdoctor.pki;

import org.jspecify.annotations.NullMarked;
