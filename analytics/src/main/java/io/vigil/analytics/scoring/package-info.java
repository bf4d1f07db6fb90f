/** Per-window assessment combining baseline explanations with the current model bundle. */
package io.vigil.analytics.scoring;
