/**
 * Quartz jobs: thin wrappers that drain queued reports and re-queue work whose run died.
 */
@NullMarked
package io.kubeletdoctor.schedule;

import org.jspecify.annotations.NullMarked;
