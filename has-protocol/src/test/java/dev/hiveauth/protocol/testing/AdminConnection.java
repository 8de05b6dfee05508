package dev.hiveauth.protocol.testing;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The fixture's own Lettuce connection to one local redis-server or sentinel, for the commands a test gives through
 * {@link LocalRedis#command}. It never reconnects by itself: after a crash or a restart the next command opens a new
 * connection, so a command is never queued for a server that is gone, and never answered by a stale one.
 */
final class AdminConnection implements AutoCloseable {

    private final RedisURI uri;
    private StatefulRedisConnection<String, String> connection;

    /** A connection whose handshake and commands each fail after {@code timeout} without an answer. */
    AdminConnection(String host, int port, Duration timeout) {
        this.uri = RedisURI.builder().withHost(host).withPort(port).withTimeout(timeout).build();
    }

    /** {@code args[0]} is the command, the rest its arguments; the reply as {@link LocalRedis#command} describes. */
    Object call(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        CommandArgs<String, String> arguments = new CommandArgs<>(StringCodec.UTF8);
        Arrays.stream(args, 1, args.length).forEach(arguments::add);
        return commands().dispatch(new CommandName(args[0]), new ReplyOutput(), arguments);
    }

    /** Lettuce's typed commands over this connection, opened now if it is not open. */
    synchronized RedisCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            disconnect();
            connection = SharedClient.CLIENT.connect(uri);
        }
        return connection.sync();
    }

    /** Closes the connection; the next command opens another. */
    synchronized void disconnect() {
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }

    @Override
    public void close() {
        disconnect();
    }

    /** A command's name on the wire; Lettuce's CommandType lists only the commands it has methods for. */
    private record CommandName(String text) implements ProtocolKeyword {
        @Override
        public byte[] getBytes() {
            return text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    /**
     * One Lettuce client (and so one set of Netty threads) for every fixture of the JVM, made at first use. It is
     * never shut down: its threads are daemons, and a test JVM runs many servers one after another.
     */
    private static final class SharedClient {
        static final RedisClient CLIENT = create();

        private static RedisClient create() {
            RedisClient client = RedisClient.create();
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(false)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                    .build());
            return client;
        }
    }
}
