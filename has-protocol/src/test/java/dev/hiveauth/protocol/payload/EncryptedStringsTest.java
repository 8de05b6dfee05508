package dev.hiveauth.protocol.payload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The encrypted strings that are not JSON: nack data, PKSA error texts, the service-mode auth_key. */
class EncryptedStringsTest {
    static final String UUID = "9b0e2dc3-f574-4766-abdd-c429dce11284";
    static final String AUTH_KEY = "03f63469-5a35-47cb-a6b4-e8c4d3144cf9";

    @Test
    void anAppTrustsANackOnlyIfItsDataDecryptsToTheRequestUuid() {
        String data = NackData.encrypt(UUID, AUTH_KEY);

        assertThat(NackData.confirms(data, UUID, AUTH_KEY)).isTrue();
        assertThat(NackData.confirms(data, "another-uuid", AUTH_KEY)).isFalse();
        assertThat(NackData.confirms(data, UUID, "another key")).isFalse();
        assertThat(NackData.confirms(null, UUID, AUTH_KEY)).as("Keychain Mobile's nack without data").isFalse();
        assertThat(NackData.confirms("forged by a HAS", UUID, AUTH_KEY)).isFalse();
    }

    @Test
    void anAppReadsPksaErrorsEncryptedOrPlain() {
        String encrypted = ErrorText.encrypt("Transaction failed: missing active authority", AUTH_KEY);

        assertThat(ErrorText.read(encrypted, AUTH_KEY)).isEqualTo("Transaction failed: missing active authority");
        // The reference PKSA sends auth_err in plain text; a HAS can only send plain text.
        assertThat(ErrorText.read("Failed to process authentication request", AUTH_KEY))
                .isEqualTo("Failed to process authentication request");
        assertThat(ErrorText.read(encrypted, "wrong key")).isEqualTo(encrypted);
    }

    @Test
    void aServicePksaUnwrapsTheAuthKeyWithTheSharedSecret() {
        String wrapped = ServiceAuthKey.wrap(AUTH_KEY, "pre-shared secret");

        assertThat(wrapped).startsWith("U2FsdGVkX1");
        assertThat(ServiceAuthKey.unwrap(wrapped, "pre-shared secret")).contains(AUTH_KEY);
        assertThat(ServiceAuthKey.unwrap(wrapped, "another secret")).isEmpty();
        assertThat(ServiceAuthKey.unwrap(AUTH_KEY, "pre-shared secret")).as("a plain key").isEmpty();
    }

    @Test
    void keyTypesHaveTheirJsonNames() {
        assertThat(KeyType.POSTING.jsonName()).isEqualTo("posting");
        assertThat(KeyType.fromJson("memo")).contains(KeyType.MEMO);
        assertThat(KeyType.fromJson("owner")).isEmpty();
        assertThat(KeyType.fromJson("ACTIVE")).isEmpty();
    }
}
