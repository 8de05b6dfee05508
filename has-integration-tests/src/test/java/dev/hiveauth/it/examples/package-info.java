/**
 * The code the READMEs quote, compiled by the build and run against a real relay, wallet and fake Hive node: a
 * README example that no longer compiles, or no longer does what the README says, fails {@code mvn verify}.
 */
package dev.hiveauth.it.examples;
