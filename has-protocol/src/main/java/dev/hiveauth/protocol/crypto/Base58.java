package dev.hiveauth.protocol.crypto;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, as Hive uses it for WIF keys, public keys and memos.
 * Written by hand: neither the JDK nor BouncyCastle has it.
 */
public final class Base58 {
    private static final char[] ALPHABET =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] DIGIT_OF = new int[128];

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
        if (input.length == 0) {
            return "";
        }
        int leadingZeros = 0;
        while (leadingZeros < input.length && input[leadingZeros] == 0) {
            leadingZeros++;
        }
        // Repeated division of the big-endian number by 58, digits collected from the end.
        byte[] number = Arrays.copyOf(input, input.length);
        char[] digits = new char[input.length * 2];
        int out = digits.length;
        int start = leadingZeros;
        while (start < number.length) {
            int remainder = 0;
            for (int i = start; i < number.length; i++) {
                int value = (remainder << 8) | (number[i] & 0xFF);
                number[i] = (byte) (value / 58);
                remainder = value % 58;
            }
            digits[--out] = ALPHABET[remainder];
            while (start < number.length && number[start] == 0) {
                start++;
            }
        }
        for (int i = 0; i < leadingZeros; i++) {
            digits[--out] = ALPHABET[0];
        }
        return new String(digits, out, digits.length - out);
    }

    /** Decodes a Base58 string; throws {@link IllegalArgumentException} naming the first bad character. */
    public static byte[] decode(String input) {
        if (input.isEmpty()) {
            return new byte[0];
        }
        byte[] digits58 = new byte[input.length()];
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            int digit = c < 128 ? DIGIT_OF[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("invalid Base58 character '" + c + "' at position " + i);
            }
            digits58[i] = (byte) digit;
        }
        int leadingOnes = 0;
        while (leadingOnes < digits58.length && digits58[leadingOnes] == 0) {
            leadingOnes++;
        }
        // Repeated division of the base-58 number by 256, bytes collected from the end.
        byte[] bytes = new byte[input.length()];
        int out = bytes.length;
        int start = leadingOnes;
        while (start < digits58.length) {
            int remainder = 0;
            for (int i = start; i < digits58.length; i++) {
                int value = remainder * 58 + (digits58[i] & 0xFF);
                digits58[i] = (byte) (value / 256);
                remainder = value % 256;
            }
            bytes[--out] = (byte) remainder;
            while (start < digits58.length && digits58[start] == 0) {
                start++;
            }
        }
        byte[] result = new byte[leadingOnes + bytes.length - out];
        System.arraycopy(bytes, out, result, leadingOnes, bytes.length - out);
        return result;
    }
}
