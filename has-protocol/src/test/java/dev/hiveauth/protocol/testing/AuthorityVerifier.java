package dev.hiveauth.protocol.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hiveauth.protocol.chain.Authority;
import dev.hiveauth.protocol.chain.HiveAccount;
import dev.hiveauth.protocol.chain.RequiredAuthorities;
import dev.hiveauth.protocol.crypto.PublicKey;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether the keys that signed a transaction satisfy the authorities its operations require,
 * the way hived's {@code verify_authority} and {@code sign_state} do: weights of signing keys and of
 * approving accounts (followed at most 2 levels deep) must reach each threshold; owner stands in for
 * active and posting, active for posting; and every signature must have been used.
 *
 * <p>One instance checks one transaction: like {@code sign_state} it remembers which keys it used and
 * which accounts already approved.
 */
final class AuthorityVerifier {
    /** HIVE_MAX_SIG_CHECK_DEPTH. */
    static final int MAX_DEPTH = 2;
    /** HIVE_MAX_AUTHORITY_MEMBERSHIP. */
    static final int MAX_MEMBERSHIP = 40;
    /** HIVE_MAX_SIG_CHECK_ACCOUNTS. */
    static final int MAX_ACCOUNT_AUTHS = 125;

    private final ChainSettings settings;
    private final Function<String, HiveAccount> accounts;
    /** Each signer and whether some authority counted its weight (hived's provided_signatures). */
    private final Map<PublicKey, Boolean> used = new LinkedHashMap<>();
    private final Set<String> approved = new HashSet<>();
    /** Whose authority an account_auths member lends: posting while checking posting, active after. */
    private Function<HiveAccount, Authority> lent = HiveAccount::posting;

    /** {@code accounts} returns an account or throws the node's "unknown account" error. */
    AuthorityVerifier(Set<PublicKey> signers, Function<String, HiveAccount> accounts, ChainSettings settings) {
        signers.forEach(key -> used.put(key, false));
        this.accounts = accounts;
        this.settings = settings;
    }

    /** Throws the {@link NodeError} hived would answer, or returns if the signatures suffice. */
    void verify(RequiredAuthorities required) {
        boolean strict = settings.strictAuthorityLevels();
        if (!required.posting().isEmpty()) {
            if (!settings.mixedAuthorities()
                    && !(required.active().isEmpty() && required.owner().isEmpty() && required.other().isEmpty())) {
                throw NodeError.chain(3000000, "tx_combined_auths_with_posting", "transaction exception",
                        "Transactions with operations required posting authority cannot be combined with"
                                + " transactions requiring active or owner authority.");
            }
            for (String name : required.posting()) {
                HiveAccount account = accounts.apply(name);
                if (!(approves(name) || !strict && (satisfied(account.active()) || satisfied(account.owner())))) {
                    throw missing(3030000, "posting", account);
                }
            }
            if (!settings.mixedAuthorities()) {
                requireAllUsed();
                return;
            }
            // hived checks for unused signatures here too, but only while mixing is not allowed (hardfork 28
            // allows both at once); with mixing, a key the active part needs is not unused, so check at the end
        }
        lent = HiveAccount::active;
        approved.clear();
        for (Authority authority : required.other()) {
            if (!satisfied(authority)) {
                throw NodeError.chain(3040000, "tx_missing_other_auth", "missing required other authority",
                        "Missing Authority").with("auth", authority.toJson());
            }
        }
        for (String name : required.active()) {
            HiveAccount account = accounts.apply(name);
            if (!(approves(name) || !strict && satisfied(account.owner()))) {
                throw missing(3010000, "active", account);
            }
        }
        for (String name : required.owner()) {
            HiveAccount account = accounts.apply(name);
            if (!satisfied(account.owner())) {
                throw missing(3020000, "owner", account);
            }
        }
        requireAllUsed();
    }

    private static NodeError missing(long code, String level, HiveAccount account) {
        String capitalized = Character.toUpperCase(level.charAt(0)) + level.substring(1);
        return NodeError.chain(code, "tx_missing_" + level + "_auth", "missing required " + level + " authority",
                        "Missing " + capitalized + " Authority " + account.name())
                .with("id", account.name())
                .with("posting", account.posting().toJson())
                .with("active", account.active().toJson())
                .with("owner", account.owner().toJson());
    }

    private void requireAllUsed() {
        if (settings.redundantSignatures() || !used.containsValue(false)) {
            return;
        }
        ArrayNode unused = JsonNodeFactory.instance.arrayNode();
        used.forEach((key, counted) -> {
            if (!counted) {
                unused.add(key.toString());
            }
        });
        throw NodeError.chain(3050000, "tx_irrelevant_sig", "irrelevant signature included",
                "Unnecessary signature(s) detected").with("unused_keys", unused);
    }

    /** sign_state::check_authority(name): the account's lent authority, unless it already approved. */
    private boolean approves(String name) {
        return approved.contains(name) || satisfied(lent.apply(accounts.apply(name)), 0, new int[] {1});
    }

    private boolean satisfied(Authority authority) {
        return satisfied(authority, 0, new int[] {1});
    }

    /**
     * sign_state::check_authority_impl, step for step: it returns as soon as the threshold is reached, so
     * a key after that point is not counted as used (and a second signature of a 1-of-2 authority is
     * irrelevant, as on the chain).
     */
    private boolean satisfied(Authority authority, int depth, int[] accountAuthsSeen) {
        long threshold = authority.weightThreshold();
        long total = 0;
        int membership = 0;
        for (Map.Entry<PublicKey, Integer> key : authority.keyAuths().entrySet()) {
            if (signedBy(key.getKey())) {
                total += key.getValue();
                if (total >= threshold) {
                    return true;
                }
            }
            if (++membership >= MAX_MEMBERSHIP) {
                return false;
            }
        }
        for (Map.Entry<String, Integer> member : authority.accountAuths().entrySet()) {
            String name = member.getKey();
            if (!approved.contains(name)) {
                if (depth == MAX_DEPTH) {
                    continue;
                }
                if (accountAuthsSeen[0] >= MAX_ACCOUNT_AUTHS) {
                    return false;
                }
                accountAuthsSeen[0]++;
                if (satisfied(lent.apply(accounts.apply(name)), depth + 1, accountAuthsSeen)) {
                    approved.add(name);
                    total += member.getValue();
                    if (total >= threshold) {
                        return true;
                    }
                }
            } else {
                total += member.getValue();
                if (total >= threshold) {
                    return true;
                }
            }
            if (++membership >= MAX_MEMBERSHIP) {
                return false;
            }
        }
        return total >= threshold;
    }

    private boolean signedBy(PublicKey key) {
        if (!used.containsKey(key)) {
            return false;
        }
        used.put(key, true);
        return true;
    }
}
