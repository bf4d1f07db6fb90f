/**
 * Per-entity baselines: running statistics per feature, explanations (top-k |z|) and the cold-start
 * score used before any model exists.
 */
package io.vigil.analytics.baseline;
