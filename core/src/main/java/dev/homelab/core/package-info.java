/** Shared model of the toolkit: discovery, positioned YAML, lab config, findings and renderers. */
package dev.homelab.core;
