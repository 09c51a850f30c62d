/**
 * The facts each playbook step shows in the report, one record per step, written by the steps and
 * read back by the report pages. Stored as JSON in the report document: the record components are
 * the {@code steps[].facts} field names of the report contract, absent values are left out.
 */
@NullMarked
package io.kubeletdoctor.diagnosis.stepfacts;

import org.jspecify.annotations.NullMarked;
