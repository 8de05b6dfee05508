package dev.hiveauth.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The two key agreements, libsecp256k1 and BouncyCastle, give the same bytes for any pair of keys, and the right
 * one is chosen. The memo and proof-of-key vectors run through whichever is in use; the build runs this package a
 * second time with {@code -Dhiveauth.crypto.native=false}, so they pass on both.
 */
class EcdhTest {
    private static final Ecdh PURE_JAVA = new BouncyCastleEcdh();
    private static final boolean NATIVE_ALLOWED = !"false".equalsIgnoreCase(System.getProperty(Ecdh.NATIVE_PROPERTY));

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "aarch64"})
    void onLinuxLibsecp256k1LoadsAndIsUsedUnlessTurnedOff() {
        assertThat(Libsecp256k1Ecdh.load()).isPresent();
        assertThat(Ecdh.inUse()).hasToString(NATIVE_ALLOWED ? "libsecp256k1" : "BouncyCastle");
    }

    @Test
    void turnedOffItIsBouncyCastle() {
        assertThat(Ecdh.choose(false)).isInstanceOf(BouncyCastleEcdh.class);
    }

    @Test
    void bothGiveTheSameSharedXForTwoThousandRandomPairs() {
        Ecdh fast = fastOrSkip();
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 2000; i++) {
            PrivateKey mine = randomKey(random);
            PublicKey other = randomKey(random).publicKey();
            assertThat(fast.sharedX(mine, other)).as("pair %d", i).isEqualTo(PURE_JAVA.sharedX(mine, other));
        }
    }

    @Test
    void anXWithLeadingZeroBytesKeepsAll32Bytes() {
        Ecdh fast = fastOrSkip();
        SplittableRandom random = new SplittableRandom(7);
        PrivateKey mine;
        PublicKey other;
        do { // about one pair in 256
            mine = randomKey(random);
            other = randomKey(random).publicKey();
        } while (PURE_JAVA.sharedX(mine, other)[0] != 0);

        assertThat(fast.sharedX(mine, other)).hasSize(32).startsWith(0).isEqualTo(PURE_JAVA.sharedX(mine, other));
    }

    @Test
    void oneAndMinusOneGiveThePointsOwnX() {
        Ecdh fast = fastOrSkip();
        PublicKey other = PrivateKey.fromSeed("some account key").publicKey();
        byte[] x = Arrays.copyOfRange(other.uncompressed(), 1, 33);
        PrivateKey one = PrivateKey.fromBytes(Secp256k1.toBytes32(BigInteger.ONE));
        PrivateKey minusOne = PrivateKey.fromBytes(Secp256k1.toBytes32(Secp256k1.N.subtract(BigInteger.ONE)));

        for (Ecdh ecdh : List.of(fast, PURE_JAVA)) {
            assertThat(ecdh.sharedX(one, other)).as("%s, d = 1", ecdh).isEqualTo(x);
            assertThat(ecdh.sharedX(minusOne, other)).as("%s, d = n - 1", ecdh).isEqualTo(x);
        }
    }

    @Test
    void libsecp256k1AgreesWhenTwoThreadsCallItAtOnce() throws Exception {
        Ecdh fast = fastOrSkip();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int thread = 0; thread < 2; thread++) {
                SplittableRandom random = new SplittableRandom(100 + thread);
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        PrivateKey mine = randomKey(random);
                        PublicKey other = randomKey(random).publicKey();
                        if (!Arrays.equals(fast.sharedX(mine, other), PURE_JAVA.sharedX(mine, other))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A wallet or an app that leaves the optional binding out gets BouncyCastle, and the same memo secret. */
    @Test
    void withoutTheBindingOnTheClassPathTheSecretIsTheSame() throws Exception {
        URL[] withoutBinding = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("secp256k1") && !entry.contains("kotlin"))
                .map(EcdhTest::url)
                .toArray(URL[]::new);
        PrivateKey server = PrivateKey.fromSeed("has server key");
        PublicKey account = PrivateKey.fromSeed("alice active").publicKey();

        try (URLClassLoader loader = new URLClassLoader(withoutBinding, ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("fr/acinq/secp256k1/Secp256k1.class")).isNull();
            Method inUse = loader.loadClass(Ecdh.class.getName()).getDeclaredMethod("inUse");
            inUse.setAccessible(true);
            assertThat(inUse.invoke(null)).hasToString("BouncyCastle");

            Class<?> privateKeys = loader.loadClass(PrivateKey.class.getName());
            Class<?> publicKeys = loader.loadClass(PublicKey.class.getName());
            Object isolatedServer = privateKeys.getMethod("fromSeed", String.class).invoke(null, "has server key");
            Object isolatedAccount = publicKeys.getMethod("fromString", String.class).invoke(null, account.toString());
            Object secret = privateKeys.getMethod("sharedSecret", publicKeys).invoke(isolatedServer, isolatedAccount);
            assertThat((byte[]) secret).isEqualTo(server.sharedSecret(account));
        }
    }

    private static Ecdh fastOrSkip() {
        // where libsecp256k1 cannot load, the comparison is BouncyCastle with itself: still a valid run
        return Libsecp256k1Ecdh.load().orElse(PURE_JAVA);
    }

    private static PrivateKey randomKey(SplittableRandom random) {
        byte[] d = new byte[32];
        random.nextBytes(d);
        try {
            return PrivateKey.fromBytes(d);
        } catch (IllegalArgumentException outOfRange) { // 0 or ≥ n: about 2^-128
            return randomKey(random);
        }
    }

    private static URL url(String classPathEntry) {
        try {
            return new File(classPathEntry).toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(classPathEntry, e);
        }
    }
}
