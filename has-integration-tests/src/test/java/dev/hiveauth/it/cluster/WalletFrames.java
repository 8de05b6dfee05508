package dev.hiveauth.it.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The frames the wallets of this JVM received, as their frame log shows them (the logger
 * {@code dev.hiveauth.pksa.frames} at debug, turned on while this listens and kept out of the console): how a test
 * sees that a wallet was given a request again after a reconnection, which the wallet itself handles without a word
 * (it asks its user once however often a request comes).
 */
final class WalletFrames implements AutoCloseable {
    private static final String FRAME_LOG = "dev.hiveauth.pksa.frames";

    private final Logger logger = (Logger) LoggerFactory.getLogger(FRAME_LOG);
    private final Level levelBefore = logger.getLevel();
    private final boolean additiveBefore = logger.isAdditive();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getFormattedMessage();
            if (line.startsWith("[RECV ")) {
                received.add(line);
            }
        }
    };

    private WalletFrames() {
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        logger.setLevel(Level.DEBUG);
    }

    /** Listens from now until closed. */
    static WalletFrames listen() {
        return new WalletFrames();
    }

    /** How often a wallet received the request {@code uuid} ({@code auth_req}, {@code sign_req}…) from a relay. */
    long timesReceived(String cmd, String uuid) {
        String command = "\"cmd\":\"" + cmd + "\"";
        String id = "\"uuid\":\"" + uuid + "\"";
        return received.stream().filter(line -> line.contains(command) && line.contains(id)).count();
    }

    @Override
    public void close() {
        logger.setLevel(levelBefore);
        logger.setAdditive(additiveBefore);
        logger.detachAppender(appender);
        appender.stop();
    }
}
