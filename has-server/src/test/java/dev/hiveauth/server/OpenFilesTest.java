package dev.hiveauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.server.relay.Limits;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The connection cap leaves the server files of its own. */
class OpenFilesTest {

    @Test
    void aTwentiethOfTheOpenFileLimit_atLeast256_isKeptBackFromPeers() {
        assertThat(OpenFiles.connectionCap(20_000)).isEqualTo(19_000);
        assertThat(OpenFiles.connectionCap(1_024)).isEqualTo(768);
        assertThat(OpenFiles.connectionCap(1_048_576)).isEqualTo(996_148);
        assertThat(OpenFiles.connectionCap(100)).isEqualTo(1);
    }

    @Test
    void theCapNotGivenIsTheLowerOfTheHeapsAndTheOpenFiles() {
        Limits heapFitted = Limits.DEFAULT.withMaxConnections(13_107);

        assertThat(OpenFiles.fit(heapFitted, OptionalLong.of(1_024)).maxConnections()).isEqualTo(768);
        assertThat(OpenFiles.fit(heapFitted, OptionalLong.of(1_048_576)).maxConnections()).isEqualTo(13_107);
        assertThat(OpenFiles.fit(heapFitted, OptionalLong.empty())).isEqualTo(heapFitted);
    }

    @Test
    void thisJvmKnowsItsLimit() {
        assertThat(OpenFiles.limit()).as("Linux and macOS JVMs report it").isPresent();
    }
}
