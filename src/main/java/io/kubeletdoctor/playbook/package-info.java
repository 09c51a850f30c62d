/**
 * Playbooks (YAML), the engine that runs their steps per node, and the step SPI the steps implement.
 */
@NullMarked
package io.kubeletdoctor.playbook;

import org.jspecify.annotations.NullMarked;
