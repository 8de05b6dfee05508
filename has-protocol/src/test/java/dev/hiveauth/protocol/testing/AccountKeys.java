package dev.hiveauth.protocol.testing;

import dev.hiveauth.protocol.chain.Authority;
import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.crypto.PrivateKey;
import java.util.Objects;

/** The four private keys of a test account, so a test can sign as the account the fake chain knows. */
public record AccountKeys(String name, PrivateKey owner, PrivateKey active, PrivateKey posting, PrivateKey memo) {
    public AccountKeys {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(posting, "posting");
        Objects.requireNonNull(memo, "memo");
    }

    /**
     * The keys a wallet derives from {@code name} and a master password, as dhive's
     * {@code PrivateKey.fromLogin} does; the same name and password always give the same keys.
     */
    public static AccountKeys fromPassword(String name, String password) {
        return new AccountKeys(name, PrivateKey.fromLogin(name, password, "owner"),
                PrivateKey.fromLogin(name, password, "active"), PrivateKey.fromLogin(name, password, "posting"),
                PrivateKey.fromLogin(name, password, "memo"));
    }

    /** Deterministic keys for a test account: {@link #fromPassword} with a password made from the name. */
    public static AccountKeys of(String name) {
        return fromPassword(name, "fake-hive-node:" + name);
    }

    /** The account as a node reports it: each authority one key of weight 1, threshold 1. */
    public HiveAccount toAccount() {
        return new HiveAccount(name, Authority.ofKey(owner.publicKey()), Authority.ofKey(active.publicKey()),
                Authority.ofKey(posting.publicKey()), memo.publicKey());
    }

    /** Names the account and its public keys only: private keys never reach a log or a failure message. */
    @Override
    public String toString() {
        return "AccountKeys[" + name + ", owner " + owner.publicKey() + ", active " + active.publicKey()
                + ", posting " + posting.publicKey() + ", memo " + memo.publicKey() + "]";
    }
}
