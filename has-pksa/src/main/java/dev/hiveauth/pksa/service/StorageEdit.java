package dev.hiveauth.pksa.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A hand edit of the storage file that changed its settings or its list of accounts, as the running wallet noticed it
 * (it reads the file again before each use). An edit of authentications alone is no such edit: those apply as read.
 *
 * @param before the settings in use until the edit
 * @param after the settings the edited file holds
 * @param accountsBefore the accounts the file listed until the edit
 * @param accountsAfter the accounts the edited file lists
 */
public record StorageEdit(ServiceConfig before, ServiceConfig after, List<String> accountsBefore,
                          List<String> accountsAfter) {
    /** Copies the account lists, so an edit seen once stays as it was. */
    public StorageEdit {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        accountsBefore = List.copyOf(accountsBefore);
        accountsAfter = List.copyOf(accountsAfter);
    }

    /** The settings the edit changed, named as storage.json names them (e.g. {@code hive_api}); never their values. */
    public List<String> changedSettings() {
        List<String> changed = new ArrayList<>();
        compare("pksa_name", ServiceConfig::pksaName, changed);
        compare("has_server", ServiceConfig::hasServer, changed);
        compare("auth_req_secret", ServiceConfig::authReqSecret, changed);
        compare("auth_req_approve", ServiceConfig::authReqApprove, changed);
        compare("auth_req_reject", ServiceConfig::authReqReject, changed);
        compare("sign_req_reject", ServiceConfig::signReqReject, changed);
        compare("challenge_req_reject", ServiceConfig::challengeReqReject, changed);
        compare("auth_timeout_days", ServiceConfig::authDuration, changed);
        compare("hive_api", ServiceConfig::hiveApi, changed);
        compare("keys", ServiceConfig::keysFile, changed);
        compare("hideEncryptedData", ServiceConfig::hideEncryptedData, changed);
        compare("allow_active_key", config -> config.signingRules().allowActiveKey(), changed);
        compare("allowed_operations", config -> config.signingRules().allowedOperations(), changed);
        compare("allow_sign_only", config -> config.signingRules().allowSignOnly(), changed);
        return changed;
    }

    /** Whether the edit added or removed accounts. */
    public boolean accountsChanged() {
        return !accountsBefore.equals(accountsAfter);
    }

    private void compare(String field, Function<ServiceConfig, Object> value, List<String> changed) {
        if (!Objects.equals(value.apply(before), value.apply(after))) {
            changed.add(field);
        }
    }
}
