package dev.hiveauth.protocol.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.protocol.crypto.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JSON → binary → JSON for random valid operations of every type, and for random transactions. */
class RoundTripTest {
    private static final int PER_TYPE = 40;

    /** Generates until the operation passes the rules across fields, which the generator does not model. */
    private static Operation randomOperation(RandomChainJson random, OperationType type, List<JsonNode> json) {
        for (int attempt = 0; attempt < 500; attempt++) {
            JsonNode candidate = random.operation(type);
            try {
                Operation operation = Operation.fromJson(candidate);
                json.add(candidate);
                return operation;
            } catch (ChainFormatException ruleAcrossFields) {
                // try another
            }
        }
        throw new AssertionError("no valid random " + type + " in 500 attempts");
    }

    @ParameterizedTest
    @EnumSource(OperationType.class)
    void randomOperationsSurviveJsonBinaryJson(OperationType type) {
        RandomChainJson random = new RandomChainJson(new Random(type.id() * 7919L));
        for (int i = 0; i < PER_TYPE; i++) {
            List<JsonNode> generated = new ArrayList<>();
            Operation operation = randomOperation(random, type, generated);
            JsonNode json = generated.get(0);

            assertThat(operation.toJson()).as("written back").isEqualTo(json);
            Operation fromBytes = Operation.fromBytes(operation.toBytes());
            assertThat(fromBytes).as("read from bytes of %s", json).isEqualTo(operation);
            assertThat(fromBytes.toJson()).isEqualTo(json);
            assertThat(Operation.fromJson(json.toString())).isEqualTo(operation);
        }
    }

    @Test
    void randomTransactionsSurviveJsonBinaryJsonAndSigning() {
        Random seed = new Random(20261122);
        RandomChainJson random = new RandomChainJson(seed);
        OperationType[] types = OperationType.values();
        for (int i = 0; i < 60; i++) {
            List<Operation> operations = new ArrayList<>();
            List<JsonNode> json = new ArrayList<>();
            for (int n = 1 + seed.nextInt(4); n > 0; n--) {
                operations.add(randomOperation(random, types[seed.nextInt(types.length)], json));
            }
            Transaction transaction = Transaction.of((int) random.integer(0, 0xFFFF), random.integer(0, 0xFFFF_FFFFL),
                    Instant.ofEpochSecond(random.integer(0, 0xFFFF_FFFFL)), operations);
            ObjectNode written = transaction.toJson();
            assertThat(written.get("operations")).containsExactlyElementsOf(json);

            assertThat(Transaction.fromJson(written.toString())).isEqualTo(transaction);
            Transaction fromBytes = Transaction.fromBytes(transaction.toBytes());
            assertThat(fromBytes).isEqualTo(transaction);
            assertThat(fromBytes.id()).isEqualTo(transaction.id());

            PrivateKey key = PrivateKey.fromSeed("round-trip-" + i);
            SignedTransaction signed = transaction.sign(ChainId.MAINNET, key);
            SignedTransaction reread = SignedTransaction.fromJson(signed.toJson().toString());
            assertThat(reread).isEqualTo(signed);
            assertThat(reread.recoverSigners(ChainId.MAINNET)).containsExactly(key.publicKey());
        }
    }

    @Test
    void inputThatIsNotCanonicalIsWrittenInCanonicalForm() {
        Operation operation = Operation.fromJson(("['custom_json',{'required_auths':[],"
                + "'required_posting_auths':['carol','alice','bob'],'id':'x','json':'{}'}]").replace('\'', '"'));
        assertThat(operation.<String>list("required_posting_auths")).containsExactly("alice", "bob", "carol");

        Operation legacy = Operation.fromJson(("['transfer',{'from':'alice','to':'bob','amount':'1.000 STEEM',"
                + "'memo':''}]").replace('\'', '"'));
        assertThat(legacy.toJson().get(1).get("amount").asText()).isEqualTo("1.000 HIVE");

        Operation numbersAsText = Operation.fromJson(("['vote',{'voter':'alice','author':'bob','permlink':'p',"
                + "'weight':'-100'}]").replace('\'', '"'));
        assertThat(numbersAsText.integer("weight")).isEqualTo(-100);
        assertThat(numbersAsText.toJson().get(1).get("weight").isNumber()).isTrue();

        Operation withZ = Operation.fromJson(("['limit_order_create',{'owner':'alice','orderid':1,'amount_to_sell':"
                + "'1.000 HIVE','min_to_receive':'1.000 HBD','fill_or_kill':false,'expiration':'2026-01-01T00:00:00Z'}]")
                .replace('\'', '"'));
        assertThat(withZ.toJson().get(1).get("expiration").asText()).isEqualTo("2026-01-01T00:00:00");

        Operation noExtensions = Operation.fromJson("[\"claim_account\",{\"creator\":\"alice\",\"fee\":\"0.000 HIVE\"}]");
        assertThat(noExtensions.toJson().get(1).get("extensions")).isEmpty();

        Operation nullOptional = Operation.fromJson(("['account_update2',{'account':'alice','owner':null,"
                + "'json_metadata':'','posting_json_metadata':''}]").replace('\'', '"'));
        assertThat(nullOptional.toJson().get(1).has("owner")).isFalse();

        Operation beneficiaries = Operation.fromJson(("['comment_options',{'author':'alice','permlink':'p',"
                + "'max_accepted_payout':'1.000 HBD','percent_hbd':0,'allow_votes':true,'allow_curation_rewards':true,"
                + "'extensions':[[0,{'beneficiaries':[{'account':'carol','weight':1},{'account':'bob','weight':2}]}]]}]")
                .replace('\'', '"'));
        assertThat(beneficiaries.toJson().get(1).get("extensions").get(0).get(1).get("beneficiaries").get(0).get("account")
                .asText()).isEqualTo("bob");
    }
}
