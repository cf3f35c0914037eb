/**
 * A tenant's models in the console: the registry and recent training runs; the "train a model"
 * wizard (dataset, target, task and a model type that learns it, hyperparameters from the type's
 * declaration, name and seed); one run, followed live by polling, with its loss curves drawn on the
 * server; and one model with its versions, lineage, champion and challenger, promotion behind the
 * quality gates and rollback. Views build layout and call {@link
 * io.millwright.console.ports.TenantModels}; small presenters here decide wording, badges, which
 * wizard fields show and the curves' picture; rules (gates, roles, checks) stay on the server.
 */
package io.millwright.console.views.models;
