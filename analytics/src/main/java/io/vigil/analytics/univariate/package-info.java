/** Causal streaming detector for one univariate metric series. */
package io.vigil.analytics.univariate;
