/** The server's own key, the one PKSAs encrypt their proofs of key to: where it is kept and how it is made. */
package dev.hiveauth.server.key;
