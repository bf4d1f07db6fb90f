/**
 * Models on Smile 3.1.1: per-entity-type isolation forests calibrated to a 0-100 anomaly score, a
 * random-forest threat classifier, the serializable {@link io.vigil.analytics.model.ModelBundle}
 * and its {@link io.vigil.analytics.model.Trainer}. The only package that touches Smile; no Smile
 * type appears in its public API.
 */
package io.vigil.analytics.model;
