package dev.hiveauth.protocol.message;

import java.util.Objects;

/**
 * A {@code *_wait} without {@code uuid}: Hive Keychain Mobile sends a bare {@code {"cmd":"auth_wait"}} or
 * {@code {"cmd":"sign_wait"}} to the HAS when it receives a request (its purpose is undocumented). It
 * carries nothing; the HAS accepts and ignores it rather than answering with an error.
 *
 * @param family which {@code *_wait} it was
 */
public record WaitNotice(Family family) implements HasMessage {
    /** Checks that {@code family} is present. */
    public WaitNotice {
        Objects.requireNonNull(family, "family");
    }

    @Override
    public String cmd() {
        return family.cmd("wait");
    }
}
