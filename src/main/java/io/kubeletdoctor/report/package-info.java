/**
 * Reports: model, storage, JSON API and HTML pages.
 */
@NullMarked
package io.kubeletdoctor.report;

import org.jspecify.annotations.NullMarked;
