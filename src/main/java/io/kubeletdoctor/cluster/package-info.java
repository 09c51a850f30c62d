/**
 * Read-only cluster access: fabric8 clients per cluster, the kubelet TLS handshake, node proxy reads.
 */
@NullMarked
package io.kubeletdoctor.cluster;

import org.jspecify.annotations.NullMarked;
