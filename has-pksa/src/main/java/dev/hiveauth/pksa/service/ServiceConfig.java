package dev.hiveauth.pksa.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.pksa.SigningRules;
import dev.hiveauth.protocol.chain.OperationType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The settings in a service PKSA's {@code storage.json}: the reference PKSA's fields with their meaning there,
 * and this project's additions under their own names ({@code allow_active_key}, {@code allowed_operations},
 * {@code allow_sign_only}). {@link #toString()} never shows the secret.
 *
 * @param pksaName {@code pksa_name}: the name sent when registering
 * @param hasServer {@code has_server}: the relay to connect to
 * @param authReqSecret {@code auth_req_secret}: the service-mode secret, or null
 * @param authReqApprove {@code auth_req_approve}: approve new authentications without asking
 * @param authReqReject {@code auth_req_reject}: nack authentications not approved instead of staying silent
 * @param signReqReject {@code sign_req_reject}: the same for signing requests
 * @param challengeReqReject {@code challenge_req_reject}: the same for challenges
 * @param authDuration {@code auth_timeout_days} (or the README's older {@code token_timeout_days}), default 1 day
 * @param hiveApi {@code hive_api}: one node URL or a list, tried in order
 * @param keysFile {@code keys}: the keys file, relative to the storage file's directory; default keys.json
 * @param hideEncryptedData {@code hideEncryptedData}: keep encrypted payloads and proofs out of the log
 * @param signingRules {@code allow_active_key} (default false), {@code allowed_operations} (default any),
 *     {@code allow_sign_only} (default true)
 */
public record ServiceConfig(String pksaName, URI hasServer, String authReqSecret, boolean authReqApprove,
                            boolean authReqReject, boolean signReqReject, boolean challengeReqReject,
                            Duration authDuration, List<URI> hiveApi, Path keysFile, boolean hideEncryptedData,
                            SigningRules signingRules) {
    /** Public nodes used when {@code hive_api} is absent. */
    public static final List<URI> DEFAULT_HIVE_API = List.of(URI.create("https://api.hive.blog"),
            URI.create("https://api.openhive.network"), URI.create("https://anyx.io"));
    private static final String DEFAULT_NAME = "has-pksa";

    /** Keeps an unmodifiable copy of the Hive nodes. */
    public ServiceConfig {
        hiveApi = List.copyOf(hiveApi);
    }

    /** Reads the settings of the storage file {@code file} whose parsed content is {@code root}. */
    static ServiceConfig read(JsonNode root, Path file) {
        String name = file.getFileName().toString();
        ConfigFields f = new ConfigFields(root, name);
        String pksaName = f.optionalString("pksa_name");
        URI hasServer = relayUrl(f.string("has_server"), f);
        String secret = f.optionalString("auth_req_secret");
        Path directory = file.toAbsolutePath().getParent();
        String keys = f.optionalString("keys");
        return new ServiceConfig(
                pksaName == null || pksaName.isBlank() ? DEFAULT_NAME : pksaName,
                hasServer,
                secret == null || secret.isEmpty() ? null : secret,
                f.bool("auth_req_approve", false),
                f.bool("auth_req_reject", false),
                f.bool("sign_req_reject", false),
                f.bool("challenge_req_reject", false),
                authDuration(f),
                hiveApi(f),
                directory.resolve(keys == null || keys.isEmpty() ? "keys.json" : keys).normalize(),
                f.bool("hideEncryptedData", false),
                new SigningRules(f.bool("allow_active_key", false), allowedOperations(f), f.bool("allow_sign_only", true)));
    }

    private static URI relayUrl(String text, ConfigFields f) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw f.problem("has_server", "is not a URL: " + text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
            throw f.problem("has_server", "must be a ws:// or wss:// URL, got \"" + text + "\"");
        }
        return uri;
    }

    private static Duration authDuration(ConfigFields f) {
        String field = f.has("auth_timeout_days") ? "auth_timeout_days" : "token_timeout_days";
        Double days = f.optionalNumber(field);
        if (days != null && (days < 0 || days > 36_500)) {
            throw f.problem(field, "must be a number of days between 0 and 36500");
        }
        // As in the reference (`(days || 1)`): absent or 0 means one day.
        double effective = days == null || days == 0 ? 1 : days;
        return Duration.ofMillis(Math.round(effective * 24 * 60 * 60 * 1000));
    }

    private static List<URI> hiveApi(ConfigFields f) {
        JsonNode value = f.node("hive_api");
        if (value == null) {
            return DEFAULT_HIVE_API;
        }
        List<String> urls = new ArrayList<>();
        if (value.isTextual()) {
            urls.add(value.textValue());
        } else if (value.isArray() && !value.isEmpty()) {
            for (JsonNode url : value) {
                if (!url.isTextual()) {
                    throw f.problem("hive_api", "must be a URL or a list of URLs");
                }
                urls.add(url.textValue());
            }
        } else {
            throw f.problem("hive_api", "must be a URL or a non-empty list of URLs");
        }
        List<URI> nodes = new ArrayList<>();
        for (String url : urls) {
            URI uri;
            try {
                uri = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw f.problem("hive_api", "has an invalid URL: " + url);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw f.problem("hive_api", "must hold http:// or https:// URLs, got \"" + url + "\"");
            }
            nodes.add(uri);
        }
        return nodes;
    }

    private static Set<OperationType> allowedOperations(ConfigFields f) {
        JsonNode value = f.node("allowed_operations");
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw f.problem("allowed_operations", "must be a list of operation names, e.g. [\"vote\", \"custom_json\"]");
        }
        Set<OperationType> types = EnumSet.noneOf(OperationType.class);
        for (JsonNode name : value) {
            if (!name.isTextual()) {
                throw f.problem("allowed_operations", "must hold operation names (strings)");
            }
            types.add(OperationType.fromJsonName(name.textValue()).orElseThrow(() ->
                    f.problem("allowed_operations", "names an unknown operation \"" + name.textValue() + "\"")));
        }
        return types;
    }

    @Override
    public String toString() {
        return "ServiceConfig[pksa_name=" + pksaName + ", has_server=" + hasServer + ", auth_req_secret="
                + (authReqSecret == null ? "none" : "<hidden>") + ", auth_req_approve=" + authReqApprove
                + ", auth_req_reject=" + authReqReject + ", sign_req_reject=" + signReqReject
                + ", challenge_req_reject=" + challengeReqReject + ", auth_duration=" + authDuration
                + ", hive_api=" + hiveApi + ", keys=" + keysFile + ", hideEncryptedData=" + hideEncryptedData
                + ", rules=" + signingRules + "]";
    }
}
