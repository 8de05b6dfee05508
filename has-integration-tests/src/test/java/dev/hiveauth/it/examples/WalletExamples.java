package dev.hiveauth.it.examples;

import dev.hiveauth.pksa.ApprovalRequest;
import dev.hiveauth.pksa.Auth;
import dev.hiveauth.pksa.AuthStore;
import dev.hiveauth.pksa.Decision;
import dev.hiveauth.pksa.KeyStore;
import dev.hiveauth.pksa.Pksa;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.crypto.PrivateKey;
import dev.hiveauth.protocol.payload.KeyType;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** has-pksa/README.md's example; the text between the README markers is quoted there verbatim. */
final class WalletExamples {
    private WalletExamples() {
    }

    /** A wallet with a screen: the user scans an application's QR code and approves. */
    // README:begin wallet
    static Auth approveAScannedLogin(String postingWif, URI relay, String hiveNode, String scannedQrText) {
        Pksa wallet = Pksa.builder()
                .name("My wallet")
                .keys(KeyStore.of(Map.of("alice", Map.of(KeyType.POSTING, PrivateKey.fromWif(postingWif)))))
                .auths(AuthStore.inMemory())                  // a durable store in a real wallet
                .policy(request -> askTheUser(request))       // CompletionStage<Decision>
                .hive(HiveClient.builder().node(hiveNode).build())
                .build();
        wallet.connect(relay).join();                         // done once the relay registered alice
        Auth auth = wallet.acceptPayload(scannedQrText).join();   // has://auth_req/…
        wallet.close();
        return auth;
    }

    private static CompletionStage<Decision> askTheUser(ApprovalRequest request) {
        return CompletableFuture.completedFuture(Decision.APPROVE);   // a real wallet shows the request, then answers
    }
    // README:end
}
