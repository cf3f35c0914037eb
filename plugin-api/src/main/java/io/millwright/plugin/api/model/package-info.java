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
 *
 * <p>Since API 1.3 a type may import instead of learn ({@link
 * io.millwright.plugin.api.model.ModelTypeDescriptor#importsModel()}): the person uploads a model
 * they trained elsewhere with the run, and {@code train} loads it from {@link
 * io.millwright.plugin.api.model.TrainingContext#suppliedModel()}, checks that it fits the run's
 * columns and task, and returns it; the host evaluates it like any other.
 */
package io.millwright.plugin.api.model;
