/**
 * The HiveAuth wallet (the PKSA role) as a library: {@link dev.hiveauth.pksa.Pksa} holds the keys of its accounts,
 * registers them with relays and answers applications' requests as an {@link dev.hiveauth.pksa.ApprovalPolicy}
 * decides, keeping the authentications it granted in an {@link dev.hiveauth.pksa.AuthStore}.
 */
package dev.hiveauth.pksa;
