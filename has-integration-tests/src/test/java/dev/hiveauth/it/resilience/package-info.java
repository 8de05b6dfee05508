/**
 * Faults between the roles: connections cut under apps and wallets, requests queued before any wallet, several
 * wallets for one account, Hive nodes failing over, and the relay redeployed.
 */
package dev.hiveauth.it.resilience;
