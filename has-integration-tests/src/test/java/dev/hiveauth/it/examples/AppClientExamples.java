package dev.hiveauth.it.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hiveauth.app.Auth;
import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.ChallengeRequest;
import dev.hiveauth.app.ChallengeResult;
import dev.hiveauth.app.ChallengeVerifier;
import dev.hiveauth.app.ConnectionListener;
import dev.hiveauth.app.FlowControl;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.SignRequest;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** has-app-client/README.md's examples; the text between the README markers is quoted there verbatim. */
final class AppClientExamples {
    private AppClientExamples() {
    }

    /** A user logs in by scanning a QR code with a wallet; the login comes with a signed challenge. */
    // README:begin app-login
    static Auth logIn(String relayUrl, Consumer<String> showQrCode) {
        try (HasClient has = HasClient.builder().server(relayUrl).build()) {
            AuthRequest login = AuthRequest.newBuilder("alice")
                    .app(new AuthReqData.App("myapp", "My Hive app", null))
                    .challenge(KeyType.POSTING, "login to myapp")
                    .onWait(prompt -> showQrCode.accept(prompt.uri()))   // a QR code, or a deep link
                    .build();
            AuthResult result = has.authenticate(login).join();
            ChallengeVerifier.verifySignature("login to myapp", result.challenge());
            return result.auth();   // keep it: account, auth_key, expire (and a legacy token)
        }
    }
    // README:end

    /** A backend logs many users in at once through one client and a service wallet. */
    // README:begin app-backend
    static List<AuthResult> logInFromABackend(String relayUrl, String serviceSecret, List<String> accounts) {
        HasClient has = HasClient.builder()
                .server(relayUrl)
                .authKeySecret(serviceSecret)   // service mode: the wallet has no screen to scan a QR code
                .build();                       // one client for the whole site, shared by every thread
        List<CompletableFuture<AuthResult>> logins = new ArrayList<>();
        for (String account : accounts) {
            logins.add(has.authenticate(AuthRequest.newBuilder(account).app("myapp").build()));
        }
        List<AuthResult> results = logins.stream().map(CompletableFuture::join).toList();
        has.close();                    // a site closes it when it shuts down
        return results;
    }
    // README:end

    /** A transaction and a challenge, with the authentication a login gave. */
    // README:begin app-sign
    static String voteAndProve(HasClient has, Auth auth) throws Exception {
        SignResult vote = has.sign(SignRequest.newBuilder(auth)
                .keyType(KeyType.POSTING)
                .operations(new ObjectMapper().readTree(
                        "[[\"vote\",{\"voter\":\"alice\",\"author\":\"bob\",\"permlink\":\"hello\",\"weight\":10000}]]"))
                .build()).join();                               // vote.txid(): broadcast by the wallet
        ChallengeResult proof = has.challenge(ChallengeRequest.newBuilder(auth)
                .keyType(KeyType.ACTIVE)
                .text("prove it")
                .build()).join();                               // proof.publicKey(), proof.answer()
        return vote.txid() + " " + proof.publicKey();
    }
    // README:end

    /** A client set for this project's relay, which takes more per connection than SPEC §1's example limits. */
    // README:begin app-flow
    private static final Logger log = LoggerFactory.getLogger("myapp");

    static HasClient tunedClient(String relayUrl) {
        HasClient has = HasClient.builder()
                .server(relayUrl)
                .flowControl(FlowControl.DEFAULT.withRate(90, 900).withMaxInFlightPerConnection(900))
                .listener(new ConnectionListener() {
                    @Override
                    public void connectionLost(URI server, String reason, int waiting, long retryInMillis) {
                        log.warn("{} lost ({}): {} requests wait, reconnecting", server, reason, waiting);
                    }
                })
                .build();
        return has;
    }
    // README:end
}
