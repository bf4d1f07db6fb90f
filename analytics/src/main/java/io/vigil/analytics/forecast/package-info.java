/** Load forecasting with prediction intervals: additive Holt-Winters with fallbacks. */
package io.vigil.analytics.forecast;
