/**
 * What the relay tells its operator: metrics (Micrometer, served in the Prometheus format on a management port
 * with {@code /health}) and logs rationed so that no peer can fill a disk.
 */
package dev.hiveauth.server.observe;
