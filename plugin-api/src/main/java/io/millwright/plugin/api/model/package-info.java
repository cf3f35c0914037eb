/**
 * The model-type extension point (API 1.2): a plugin declares what a model type can learn and its
 * hyperparameters, and implements training (with progress and cancellation), prediction on a column
 * batch, and saving and loading its artifact.
 *
 * <p>The host does everything around that, the same way for every type: it reads the dataset at a
 * pinned snapshot, splits it (random or by time) and hands over the batches; it evaluates the
 * trained model on the held-out split and computes every metric and the naive baseline itself, so
 * types are compared on equal terms; it encrypts and stores the artifact, schedules the job within
 * the tenant's quota and chooses the device. A model type never sees a tenant, a file of the
 * platform or another type.
 */
package io.millwright.plugin.api.model;
