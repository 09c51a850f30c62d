/** The fleet page and its JSON: the latest scan of each cluster, read from the store. */
@NullMarked
package io.kubeletdoctor.fleet.web;

import org.jspecify.annotations.NullMarked;
