/**
 * Read-only cluster access: fabric8 clients per cluster, the kubelet TLS handshake, kubelet reads
 * (straight to the kubelet once its certificate verifies; the node proxy only where granted).
 */
@NullMarked
package io.kubeletdoctor.cluster;

import org.jspecify.annotations.NullMarked;
