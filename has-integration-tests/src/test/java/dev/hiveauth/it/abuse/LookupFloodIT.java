package dev.hiveauth.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hiveauth.it.fixture.ChildRelay;
import dev.hiveauth.it.fixture.HealthyPeers;
import dev.hiveauth.protocol.testing.FakeHiveNode;
import dev.hiveauth.protocol.testing.RawWebSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registrations of made-up account names, 1,000 at a time, as fast as twelve sockets on twelve addresses can send them:
 * every name is new, so none is cached, and each registration asks the relay to look 1,000 accounts up on a Hive node.
 * Before, the relay called the node as often as the peers asked (824 calls of 1,000 names in 30 s from outside, 27 a
 * second), and with a node that never answers it held one call and one thread per registration (1,170 calls, 205
 * threads). Now the node sees at most 20 calls a second whatever the peers send, a silent node holds 4, and wallets
 * that mean no harm still register.
 */
class LookupFloodIT {
    private static final String GET_ACCOUNTS = "condenser_api.get_accounts";
    private static final Duration FLOOD = Duration.ofSeconds(10);
    private static final int ADDRESSES = 12;
    private static final int NAMES = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HealthyPeers peers = new HealthyPeers();
    private final List<RawWebSocket> sockets = new ArrayList<>();
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sockets.forEach(RawWebSocket::close);
        peers.close();
    }

    @Test
    void aRegistrationFloodOfMadeUpNames_callsTheHiveNodeAtMostTwentyTimesASecond_andANewWalletRegisters()
            throws Exception {
        FakeHiveNode node = peers.hiveNode();
        try (ChildRelay relay = ChildRelay.start(dir, node.uri(), Duration.ofSeconds(60))) {
            peers.connect(relay.uri());
            int callsBefore = node.calls(GET_ACCOUNTS);
            long start = System.nanoTime();
            AtomicBoolean flooding = flood(relay.uri());

            Thread.sleep(FLOOD.toMillis() / 3); // the flood under way: the queue toward the node is full
            long registering = System.nanoTime();
            peers.newWallet(relay.uri(), "carol").get(30, TimeUnit.SECONDS);
            double carolSeconds = (System.nanoTime() - registering) / 1e9;
            assertThat(peers.login().auth().authKey()).as("alice logs in during the flood").isNotEmpty();
            Thread.sleep(Math.max(0, FLOOD.toMillis() - (System.nanoTime() - start) / 1_000_000));
            flooding.set(false);

            double seconds = (System.nanoTime() - start) / 1e9;
            int calls = node.calls(GET_ACCOUNTS) - callsBefore;
            System.out.printf("registration flood, %d addresses x registrations of %d made-up names: %d sent in %.1f s,"
                    + " %d get_accounts calls (%.1f/s); refusals %s; carol registered in %.1f s%n", ADDRESSES, NAMES,
                    sent.get(), seconds, calls, calls / seconds, refusals, carolSeconds);
            assertThat(sent.get()).as("registrations the flood sent").isGreaterThan(100);
            assertThat(calls / seconds).as("get_accounts calls a second").isLessThanOrEqualTo(21);
            assertThat(refusals).as("the flood was told the relay is busy").containsKey("busy");
            assertThat(relay.metric("has_hive_calls_total", "outcome=\"answered\"")).isPositive();
            assertThat(relay.metric("has_hive_lookups_refused_total", "")).isPositive();
        }
    }

    @Test
    void aHiveNodeThatNeverAnswers_holdsFourCallsAndNoThreadPerRegistration_andRegistrationsResumeWhenItAnswers()
            throws Exception {
        FakeHiveNode node = peers.hiveNode();
        try (ChildRelay relay = ChildRelay.start(dir, node.uri(), Duration.ofSeconds(60))) {
            peers.connect(relay.uri());
            double threadsBefore = relay.metric("jvm_threads_live_threads", "");
            int callsBefore = node.calls(GET_ACCOUNTS);
            node.holdResponses();
            AtomicBoolean flooding = flood(relay.uri());
            Thread.sleep(FLOOD.toMillis());

            double threadsDuring = relay.metric("jvm_threads_live_threads", "");
            int calls = node.calls(GET_ACCOUNTS) - callsBefore;
            double inFlight = relay.metric("has_hive_calls_in_flight", "");
            double heapMib = relay.metric("jvm_memory_used_bytes", "area=\"heap\"") / (1 << 20);
            System.out.printf("Hive node black-holed, registration flood for %d s: %d calls made (each given up after "
                    + "5 s), %.0f in flight, threads %.0f -> %.0f, heap %.0f MiB; refusals %s%n", FLOOD.toSeconds(),
                    calls, inFlight, threadsBefore, threadsDuring, heapMib, refusals);
            assertThat(calls).as("4 calls at a time, each given up after the 5 s Hive timeout").isLessThanOrEqualTo(12);
            assertThat(inFlight).isLessThanOrEqualTo(4);
            assertThat(threadsDuring).as("threads while calls hang").isLessThanOrEqualTo(threadsBefore + 10);
            assertThat(refusals).containsKey("busy");
            assertThat(peers.login().auth().authKey()).as("alice, registered before, logs in").isNotEmpty();

            flooding.set(false);
            node.heal();
            peers.newWallet(relay.uri(), "carol").get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.metric("has_hive_calls_in_flight", "") == 0);
        }
    }

    /** One socket per address (127.0.0.2 and on), each sending registrations and reading the refusals. */
    private AtomicBoolean flood(URI relay) throws IOException {
        AtomicBoolean flooding = new AtomicBoolean(true);
        for (int i = 0; i < ADDRESSES; i++) {
            RawWebSocket socket = RawWebSocket.upgraded(relay, 256 * 1024, InetAddress.getByName("127.0.0." + (2 + i)),
                    new byte[0]);
            sockets.add(socket);
            start("reader-" + i, () -> {
                String message;
                while ((message = socket.readText()) != null) {
                    refusals.computeIfAbsent(kind(message), key -> new AtomicLong()).incrementAndGet();
                }
            });
            start("sender-" + i, () -> {
                while (flooding.get()) {
                    socket.sendText(registration());
                    sent.incrementAndGet();
                }
            });
        }
        return flooding;
    }

    private static String kind(String message) {
        if (message.contains("busy checking accounts")) {
            return "busy";
        }
        if (message.contains("accounts being checked on chain")) {
            return "address share";
        }
        if (message.contains("cannot check the account on chain now")) {
            return "node unavailable";
        }
        if (message.contains("no such account")) {
            return "no such account";
        }
        if (message.contains("rate limit")) {
            return "rate limit";
        }
        return message.contains("\"connected\"") ? "connected" : "other";
    }

    private static String registration() {
        StringJoiner accounts = new StringJoiner(",", "[", "]");
        for (int i = 0; i < NAMES; i++) {
            accounts.add("{\"name\":\"" + madeUpName() + "\",\"pok\":\"x\"}");
        }
        return "{\"cmd\":\"register_req\",\"app\":\"mallory\",\"accounts\":" + accounts + "}";
    }

    /** A valid Hive name that no chain holds: "z" and 12 random letters. */
    private static String madeUpName() {
        char[] name = new char[13];
        name[0] = 'z';
        for (int i = 1; i < name.length; i++) {
            name[i] = (char) ('a' + RANDOM.nextInt(26));
        }
        return new String(name);
    }

    private interface Work {
        void run() throws IOException;
    }

    private static void start(String name, Work work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (IOException e) {
                // the socket closed: the flood ends with the test
            }
        }, "lookup-flood-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
