package io.millwright.plugin.api;

/**
 * The version of this contract, in semantic-versioning terms: a plugin that declares {@code
 * plugin.requires=1.0.0} runs on every 1.x host; a change that would break it waits for 2.0.
 *
 * <p>A plugin's {@code plugin.requires} names the oldest API version whose features it needs: one
 * that only implements 1.0 methods says 1.0.0 and runs on every 1.x host; one that relies on a 1.1
 * method being called says 1.1.0 (on a 1.0 host the method's default would run instead).
 *
 * <p>History: 1.0.0 connectors (poll, stream, push). 1.1.0 {@code Connector.discoverSchema}, a
 * default method, so 1.0 plugins run unchanged. 1.2.0 the model-type extension point ({@code
 * io.millwright.plugin.api.model}) beside the connector one; nothing changed for connectors. 1.3.0
 * model types that import a trained model file instead of learning: {@code
 * ModelTypeDescriptor.importsModel} (the 1.2 constructor kept, meaning false) and the default
 * method {@code TrainingContext.suppliedModel}, so 1.2 model plugins run unchanged.
 */
public interface PluginApi {

  /** The contract this host implements; PF4J's system version. */
  String VERSION = "1.3.0";
}
