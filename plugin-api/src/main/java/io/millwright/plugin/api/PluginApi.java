package io.millwright.plugin.api;

/**
 * The version of this contract, in semantic-versioning terms: a plugin that declares {@code
 * plugin.requires=1.0.0} runs on every 1.x host; a change that would break it waits for 2.0.
 *
 * <p>History: 1.0.0 connectors (poll, stream, push). 1.1.0 {@code Connector.discoverSchema}, a
 * default method, so 1.0 plugins run unchanged.
 */
public interface PluginApi {

  /** The contract this host implements; PF4J's system version. */
  String VERSION = "1.1.0";
}
