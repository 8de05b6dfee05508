/** The {@code has-app} command line ({@code has-app.jar}): login, sign and challenge over {@link dev.hiveauth.app.HasClient}. */
package dev.hiveauth.app.cli;
