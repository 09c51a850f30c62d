/**
 * The report JSON API and the server-rendered report pages. Read-only: everything comes from
 * {@link io.kubeletdoctor.report.Reports}.
 */
@NullMarked
package io.kubeletdoctor.report.web;

import org.jspecify.annotations.NullMarked;
