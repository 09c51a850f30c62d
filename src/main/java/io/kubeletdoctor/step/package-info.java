/**
 * The seven evidence-gathering steps of the kubelet certificate playbook, one class each.
 */
@NullMarked
package io.kubeletdoctor.step;

import org.jspecify.annotations.NullMarked;
