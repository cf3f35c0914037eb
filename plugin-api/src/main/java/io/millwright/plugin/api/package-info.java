/**
 * The contract partners build Millwright plugins against: interfaces, records, enums and one
 * exception type, depending on nothing but the JDK and PF4J's {@code ExtensionPoint}. The host
 * refuses a plugin whose {@code plugin.requires} this API version does not satisfy.
 */
package io.millwright.plugin.api;
