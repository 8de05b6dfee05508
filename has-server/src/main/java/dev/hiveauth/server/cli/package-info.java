/**
 * The {@code has-server} command line ({@code has-server.jar}): options from arguments or the environment, logging,
 * signals.
 */
package dev.hiveauth.server.cli;
