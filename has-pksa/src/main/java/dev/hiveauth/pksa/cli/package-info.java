/** The {@code has-pksa} command line ({@code has-pksa.jar}): the service-mode wallet, run from a storage.json. */
package dev.hiveauth.pksa.cli;
