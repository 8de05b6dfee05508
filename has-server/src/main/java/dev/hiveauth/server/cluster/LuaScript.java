package dev.hiveauth.server.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One of the store's Lua scripts, run by its SHA-1. Redis forgets its scripts when it restarts, fails over or is told
 * {@code SCRIPT FLUSH}; the answer is then {@code NOSCRIPT}, and the script runs again by its text, which caches it.
 */
final class LuaScript {
    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /** The script {@code name.lua} next to this class. */
    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("script " + name + ".lua is missing from the jar");
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    <T> CompletionStage<T> run(RedisAsyncCommands<String, String> redis, ScriptOutputType type, String[] keys,
                               String... args) {
        return orByText(redis.evalsha(sha, type, keys, args), redis, type, keys, args);
    }

    /**
     * The script's {@code EVALSHA} with an integer answer, as a command to {@link StatefulConnection#dispatch dispatch}
     * together with others in one write; {@link #orByText} then runs it by its text if Redis had forgotten it.
     */
    AsyncCommand<String, String, Long> integerCommand(String[] keys, String... args) {
        CommandArgs<String, String> arguments = new CommandArgs<>(StringCodec.UTF8).add(sha).add(keys.length)
                .addKeys(keys).addValues(args);
        return new AsyncCommand<>(new Command<>(CommandType.EVALSHA, new IntegerOutput<>(StringCodec.UTF8), arguments));
    }

    /** What {@code bySha} (this script's {@code EVALSHA}) answered, or, when Redis had forgotten it, its text's run. */
    <T> CompletionStage<T> orByText(CompletionStage<T> bySha, RedisAsyncCommands<String, String> redis,
                                    ScriptOutputType type, String[] keys, String... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        bySha.whenComplete((value, failure) -> {
            if (failure instanceof RedisNoScriptException) {
                redis.<T>eval(source, type, keys, args).whenComplete((again, stillFailing) -> {
                    if (stillFailing != null) {
                        result.completeExceptionally(stillFailing);
                    } else {
                        result.complete(again);
                    }
                });
            } else if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
