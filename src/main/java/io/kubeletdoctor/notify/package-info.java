/**
 * Chat notifications: posts each completed report's verdict and permalink to the configured routes
 * (Slack, Microsoft Teams, a generic JSON webhook), and a follow-up when its alert resolves.
 */
@NullMarked
package io.kubeletdoctor.notify;

import org.jspecify.annotations.NullMarked;
