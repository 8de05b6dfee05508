/** The service PKSA's runnable jar killed with SIGKILL, again and again, and its state file checked after each kill. */
package dev.hiveauth.it.durability;
