package dev.hiveauth.protocol.crypto;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, as Hive uses it for WIF keys, public keys and memos.
 * Written by hand: neither the JDK nor BouncyCastle has it. The number is held in 32-bit limbs and
 * converted five base-58 digits at a time ({@code 58^5 < 2^31}), so a pok-sized memo decodes in a few
 * microseconds — a HAS decodes one per PKSA reply.
 */
public final class Base58 {
    private static final char[] ALPHABET =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] DIGIT_OF = new int[128];
    private static final int DIGITS_PER_CHUNK = 5;
    private static final long[] POWERS_OF_58 = {1, 58, 58 * 58, 58 * 58 * 58, 58L * 58 * 58 * 58, 58L * 58 * 58 * 58 * 58};
    private static final long CHUNK = POWERS_OF_58[DIGITS_PER_CHUNK];

    static {
        Arrays.fill(DIGIT_OF, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DIGIT_OF[ALPHABET[i]] = i;
        }
    }

    private Base58() {
    }

    /** Encodes bytes; each leading zero byte becomes a leading '1'. */
    public static String encode(byte[] input) {
        int leadingZeros = 0;
        while (leadingZeros < input.length && input[leadingZeros] == 0) {
            leadingZeros++;
        }
        // Little-endian 32-bit limbs of the big-endian input.
        int[] limbs = new int[(input.length + 3) / 4];
        for (int i = 0; i < input.length; i++) {
            int fromEnd = input.length - 1 - i;
            limbs[fromEnd / 4] |= (input[i] & 0xFF) << (8 * (fromEnd % 4));
        }
        int used = limbs.length;
        char[] digits = new char[input.length * 2 + DIGITS_PER_CHUNK];
        int out = digits.length;
        while (used > 0 && limbs[used - 1] == 0) {
            used--;
        }
        while (used > 0) {
            long remainder = 0;
            for (int j = used - 1; j >= 0; j--) {
                long current = (remainder << 32) | (limbs[j] & 0xFFFFFFFFL);
                limbs[j] = (int) (current / CHUNK);
                remainder = current % CHUNK;
            }
            while (used > 0 && limbs[used - 1] == 0) {
                used--;
            }
            for (int k = 0; k < DIGITS_PER_CHUNK; k++) {
                digits[--out] = ALPHABET[(int) (remainder % 58)];
                remainder /= 58;
            }
        }
        while (out < digits.length && digits[out] == ALPHABET[0]) {
            out++; // zero digits padding the last chunk, not part of the number
        }
        for (int i = 0; i < leadingZeros; i++) {
            digits[--out] = ALPHABET[0];
        }
        return new String(digits, out, digits.length - out);
    }

    /** Decodes a Base58 string; throws {@link IllegalArgumentException} naming the first bad character. */
    public static byte[] decode(String input) {
        int length = input.length();
        int leadingOnes = 0;
        while (leadingOnes < length && input.charAt(leadingOnes) == ALPHABET[0]) {
            leadingOnes++;
        }
        // 58^n < 256^(0.733 n): enough little-endian 32-bit limbs for the value.
        int[] limbs = new int[(int) (length * 733L / 1000 / 4) + 2];
        int used = 0;
        for (int i = 0; i < length; i += DIGITS_PER_CHUNK) {
            int end = Math.min(length, i + DIGITS_PER_CHUNK);
            long chunk = 0;
            for (int k = i; k < end; k++) {
                chunk = chunk * 58 + digitAt(input, k);
            }
            long multiplier = POWERS_OF_58[end - i];
            long carry = chunk;
            for (int j = 0; j < used; j++) {
                long product = (limbs[j] & 0xFFFFFFFFL) * multiplier + carry;
                limbs[j] = (int) product;
                carry = product >>> 32;
            }
            if (carry != 0) {
                limbs[used++] = (int) carry;
            }
        }
        int significant = used * 4;
        while (significant > 0 && byteAt(limbs, significant - 1) == 0) {
            significant--;
        }
        byte[] result = new byte[leadingOnes + significant];
        for (int b = 0; b < significant; b++) {
            result[result.length - 1 - b] = byteAt(limbs, b);
        }
        return result;
    }

    private static int digitAt(String input, int index) {
        char c = input.charAt(index);
        int digit = c < 128 ? DIGIT_OF[c] : -1;
        if (digit < 0) {
            throw new IllegalArgumentException("invalid Base58 character '" + c + "' at position " + index);
        }
        return digit;
    }

    /** Byte {@code index} of the little-endian limbs, counting from the least significant. */
    private static byte byteAt(int[] limbs, int index) {
        return (byte) (limbs[index / 4] >>> (8 * (index % 4)));
    }
}
