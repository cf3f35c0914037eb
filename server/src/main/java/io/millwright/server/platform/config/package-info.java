/** Start-up configuration read through MicroProfile Config, validated before anything runs. */
package io.millwright.server.platform.config;
