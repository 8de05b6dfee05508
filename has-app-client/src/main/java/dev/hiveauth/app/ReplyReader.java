package dev.hiveauth.app;

import dev.hiveauth.protocol.message.Reply;

/** Judges a PKSA reply to one request: approve with a result, end it with an exception, or ignore it. */
@FunctionalInterface
interface ReplyReader<T> {
    Verdict<T> read(Reply reply);

    /** One of: ignored (with why, for the debug log), approved (with the result), ended (with the exception). */
    final class Verdict<T> {
        private final String ignoredBecause;
        private final T result;
        private final HasException failure;

        private Verdict(String ignoredBecause, T result, HasException failure) {
            this.ignoredBecause = ignoredBecause;
            this.result = result;
            this.failure = failure;
        }

        static <T> Verdict<T> ignore(String because) {
            return new Verdict<>(because, null, null);
        }

        static <T> Verdict<T> approve(T result) {
            return new Verdict<>(null, result, null);
        }

        static <T> Verdict<T> fail(HasException failure) {
            return new Verdict<>(null, null, failure);
        }

        boolean isIgnored() {
            return ignoredBecause != null;
        }

        String ignoredBecause() {
            return ignoredBecause;
        }

        /** The result, or null when this verdict ends the request with {@link #failure()}. */
        T result() {
            return result;
        }

        HasException failure() {
            return failure;
        }
    }
}
