/**
 * Models: the model types tenants may train (from model-type plugins), and, as the models issue
 * proceeds, training runs as durable jobs, the registry of model versions with aliases, and
 * promotion gates.
 */
package io.millwright.server.models;
