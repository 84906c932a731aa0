/** The feature tour: the SDK's features in one runnable server, configured from the environment. */
package org.mcpkit.examples.features;
