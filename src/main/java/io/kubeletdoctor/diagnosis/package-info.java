/**
 * Evidence about one node, the rules that read it and the root-cause vocabulary. Pure: no cluster access.
 */
@NullMarked
package io.kubeletdoctor.diagnosis;

import org.jspecify.annotations.NullMarked;
