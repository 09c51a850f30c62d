/**
 * The Alertmanager webhook: authentication, validation, durable storage of notifications, report opening.
 */
@NullMarked
package io.kubeletdoctor.intake;

import org.jspecify.annotations.NullMarked;
