package dev.hiveauth.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hiveauth.server.HasServer;
import dev.hiveauth.server.relay.AccountKeys;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An embedded server keeps Grizzly's INFO lines about its listeners out of the application's console. */
class GrizzlyStartLinesTest {
    private final Logger grizzly = Logger.getLogger("org.glassfish.grizzly");
    private final Logger listenerLogger = Logger.getLogger(NetworkListener.class.getName());
    private final Level levelBefore = listenerLogger.getLevel();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void record() {
        grizzly.addHandler(recorder);
    }

    @AfterEach
    void restore() {
        grizzly.removeHandler(recorder);
        listenerLogger.setLevel(levelBefore);
    }

    @Test
    void givenNoLevelChosen_anEmbeddedServerStartsAndStopsWithoutGrizzlysInfoLines() {
        startAndStopAServer();

        assertThat(records).extracting(LogRecord::getLevel).allMatch(level -> level.intValue() > Level.INFO.intValue());
    }

    @Test
    void givenTheApplicationChoseInfo_grizzlysListenerLinesAreKept() {
        listenerLogger.setLevel(Level.INFO);

        startAndStopAServer();

        assertThat(records).extracting(LogRecord::getMessage).anyMatch(message -> message.contains("Started listener"));
        assertThat(listenerLogger.getLevel()).isEqualTo(Level.INFO);
    }

    private static void startAndStopAServer() {
        HasServer server = HasServer.builder().host("127.0.0.1").port(0).httpPort(0)
                .accountKeys(AccountKeys.of(Map.of())).build().start();
        server.stop();
    }
}
