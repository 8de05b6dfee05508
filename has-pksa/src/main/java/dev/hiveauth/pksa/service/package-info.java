/**
 * Service mode: the Node reference PKSA's files read and written as it does ({@code storage.json}, {@code keys.json}),
 * and the approval policies of a wallet that runs without a user (the file's settings, or questions on a terminal).
 */
package dev.hiveauth.pksa.service;
