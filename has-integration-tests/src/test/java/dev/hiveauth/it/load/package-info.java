/**
 * Many users at once, at the relay's and the client's default settings: thousands of logins through one application
 * client or through hundreds, one service wallet approving them all, with a wallet that drops its connection mid-way
 * — every login approved exactly once, none refused, none expired — and what it costs in threads.
 */
package dev.hiveauth.it.load;
