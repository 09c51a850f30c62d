/**
 * Playbooks (YAML), the engine that drains the queue and runs their steps per node, and the SPIs
 * the steps and the cluster sweep implement. It publishes {@link ReportCompleted}.
 */
@NullMarked
package io.kubeletdoctor.playbook;

import org.jspecify.annotations.NullMarked;
