package dev.hiveauth.protocol.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The bytes inside a memo's ciphertext: varint(length) ‖ UTF-8 text, as fc::raw::pack(std::string) writes them. */
final class MemoPlaintext {
    private MemoPlaintext() {
    }

    static byte[] frame(String text) {
        byte[] utf8 = encodeStrictly(text);
        byte[] framed = new byte[Varint.size(utf8.length) + utf8.length];
        int offset = Varint.write(utf8.length, framed, 0);
        System.arraycopy(utf8, 0, framed, offset, utf8.length);
        return framed;
    }

    /**
     * The text of a decrypted memo. Old libraries (some Python ones) encrypted the raw UTF-8 without the length
     * prefix, so when the prefix does not describe exactly the rest of the bytes, the whole plaintext is the text.
     * Requiring an exact fit (hive-js only requires "enough bytes") keeps a raw text that happens to start with a
     * small-number character from being silently cut.
     */
    static String unframe(byte[] plaintext) {
        Varint length = Varint.read(plaintext, 0);
        if (length != null && length.end() + length.value() == plaintext.length) {
            return decodeStrictly(plaintext, length.end(), plaintext.length - length.end());
        }
        return decodeStrictly(plaintext, 0, plaintext.length);
    }

    private static byte[] encodeStrictly(String text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] utf8 = new byte[encoded.remaining()];
            encoded.get(utf8);
            return utf8;
        } catch (CharacterCodingException e) {
            throw MemoException.malformed("memo text is not valid Unicode (unpaired surrogate)");
        }
    }

    // A wrong key is caught by the check first; invalid UTF-8 after a good check means a broken sender, and
    // replacing bad bytes with U+FFFD would hand garbage to the caller.
    private static String decodeStrictly(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MemoException(MemoException.Reason.UNREADABLE, "memo plaintext is not valid UTF-8");
        }
    }
}
