/**
 * Cross-cutting web configuration.
 */
@NullMarked
package io.kubeletdoctor.system;

import org.jspecify.annotations.NullMarked;
