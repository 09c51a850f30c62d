/**
 * The built-in demo cluster: a fabric8 mock server in CRUD mode with fake kubelet TLS endpoints.
 */
@NullMarked
package io.kubeletdoctor.demo;

import org.jspecify.annotations.NullMarked;
