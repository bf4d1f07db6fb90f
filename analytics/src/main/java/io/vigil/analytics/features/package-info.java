/**
 * Window features: {@link io.vigil.analytics.features.WindowAccumulator} turns the requests of one
 * entity in one window into a {@link io.vigil.analytics.features.FeatureVector} with the fixed
 * feature order of {@link io.vigil.analytics.features.Feature}.
 */
package io.vigil.analytics.features;
