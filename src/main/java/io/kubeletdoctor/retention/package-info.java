/**
 * Retention: a clustered Quartz job deletes old reports, their alerts and notifications in batches,
 * and drops raw notification bodies early, so the database never grows without bound.
 */
@NullMarked
package io.kubeletdoctor.retention;

import org.jspecify.annotations.NullMarked;
