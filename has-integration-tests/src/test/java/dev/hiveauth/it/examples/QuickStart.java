package dev.hiveauth.it.examples;

import dev.hiveauth.app.Auth;
import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.ChallengeVerifier;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.pksa.ApprovalPolicy;
import dev.hiveauth.pksa.AuthStore;
import dev.hiveauth.pksa.Decision;
import dev.hiveauth.pksa.KeyStore;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import dev.hiveauth.server.HasServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The root README's quick starts, one per role; the text between the README markers is quoted there verbatim. */
final class QuickStart {
    private QuickStart() {
    }

    // README:begin quick-start-server
    static HasServer startRelay(int port, List<URI> hiveNodes, Path keyFile) {
        HasServer relay = HasServer.builder()
                .host("127.0.0.1")                   // default 0.0.0.0: every interface
                .port(port)                          // 0: any free port, then relay.port()
                .hiveNodes(hiveNodes)                // where account keys are looked up, with failover
                .timeout(Duration.ofSeconds(60))     // how long a request waits for a wallet
                .keyFile(keyFile)                    // created owner-only at first start, then reused
                .build()
                .start();
        System.out.println("HAS relay at " + relay.uri() + ", server key " + relay.serverKey());
        return relay;                                // relay.close(): closes every socket, stops
    }
    // README:end

    // README:begin quick-start-backend
    static Auth logIn(URI relay, String serviceSecret, String account) {
        try (HasClient has = HasClient.builder()
                .server(relay.toString())
                .authKeySecret(serviceSecret)        // a service wallet opens the login with it
                .build()) {
            AuthResult login = has.authenticate(AuthRequest.newBuilder(account)
                    .app(new AuthReqData.App("myapp", "My Hive app", null))
                    .challenge(KeyType.POSTING, "login to myapp")
                    .build()).join();
            ChallengeVerifier.verifySignature("login to myapp", login.challenge());
            return login.auth();                     // account, auth_key, expire: keep it to sign later
        }
    }
    // README:end

    // README:begin quick-start-wallet
    static Pksa runWallet(URI relay, URI hiveNode, String account, String postingWif, String serviceSecret) {
        Pksa wallet = Pksa.builder()
                .name("my wallet")
                .keys(KeyStore.of(Map.of(account, Map.of(KeyType.POSTING, PrivateKey.fromWif(postingWif)))))
                .auths(AuthStore.inMemory())                     // a durable store in a real wallet
                .serviceSecret(serviceSecret)                    // the backend's authKeySecret
                .policy(ApprovalPolicy.always(Decision.APPROVE)) // a wallet with a screen asks its user
                .hive(HiveClient.builder().node(hiveNode).build())
                .build();
        wallet.connect(relay).join();                            // done once the relay registered the account
        return wallet;                                           // wallet.close(): disconnects
    }
    // README:end
}
