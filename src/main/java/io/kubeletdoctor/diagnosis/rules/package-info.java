/**
 * One class per root cause: each rule reads the evidence and names its cause with a confidence,
 * the evidence behind it, what would refute it and the commands that fix it.
 */
@NullMarked
package io.kubeletdoctor.diagnosis.rules;

import org.jspecify.annotations.NullMarked;
