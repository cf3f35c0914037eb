/**
 * Where dataset tables live: Iceberg table operations whose catalog pointer is the dataset's row
 * (compare-and-set in the caller's transaction) and a FileIO that keeps every file inside the
 * tenant's warehouse, encrypted under the tenant's data key. Plain Java: no container types.
 */
package io.millwright.server.datasets.catalog;
