/**
 * Who may read reports: the read credential (token, OIDC login or an authenticating proxy's
 * headers), the security headers of every answer, and what stays open (probes, metrics, the
 * webhook with its own credential).
 */
@NullMarked
package io.kubeletdoctor.security;

import org.jspecify.annotations.NullMarked;
