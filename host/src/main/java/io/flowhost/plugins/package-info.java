/**
 * Where actions come from: {@link io.flowhost.plugins.PluginCatalog} loads plugin jars with PF4J,
 * one isolated class loader each, and reports every jar it skips; built-in actions join it as
 * {@link io.flowhost.plugins.RegisteredAction}s. PF4J types stay inside this package.
 */
package io.flowhost.plugins;
