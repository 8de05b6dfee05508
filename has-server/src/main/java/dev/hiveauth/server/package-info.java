/**
 * The HAS relay server: {@link dev.hiveauth.server.HasServer}, built with {@code HasServer.builder()}, started and
 * stopped by the application that embeds it or by {@code has-server.jar}.
 */
package dev.hiveauth.server;
