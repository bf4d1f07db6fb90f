/** Evaluation of alerts against labelled attack intervals, and forecast accuracy. */
package io.vigil.analytics.eval;
