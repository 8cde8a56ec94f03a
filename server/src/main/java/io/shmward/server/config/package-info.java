/**
 * The configuration model and its loader: the defaults built into the jar ({@code config/shmward.yaml}),
 * overlaid by a user file, overlaid by command-line flags. Unknown keys are errors, so a typo never
 * silently leaves a default in force.
 */
package io.shmward.server.config;
