package dev.hiveauth.pksa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** One relay, one connection, however its URL is written. */
class RelayAddressTest {
    @Test
    void theSameRelayWrittenDifferentlyIsOneAddress() {
        URI expected = URI.create("wss://hive-auth.example.org/");
        assertThat(RelayAddress.normalize("wss://hive-auth.example.org")).isEqualTo(expected);
        assertThat(RelayAddress.normalize("wss://hive-auth.example.org/")).isEqualTo(expected);
        assertThat(RelayAddress.normalize(" WSS://Hive-Auth.Example.org ")).isEqualTo(expected);
        assertThat(RelayAddress.normalize("ws://127.0.0.1:3000")).isEqualTo(URI.create("ws://127.0.0.1:3000/"));
    }

    @Test
    void onlyWebSocketUrls() {
        assertThatThrownBy(() -> RelayAddress.normalize("https://hive-auth.example.org/"))
                .hasMessageContaining("must start with ws:// or wss://");
        assertThatThrownBy(() -> RelayAddress.normalize("ws:///nohost")).hasMessageContaining("needs a host");
        assertThatThrownBy(() -> RelayAddress.normalize("ws://bad host")).hasMessageContaining("not a relay URL");
    }
}
