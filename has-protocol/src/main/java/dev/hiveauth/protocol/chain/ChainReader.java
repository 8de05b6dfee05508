package dev.hiveauth.protocol.chain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads the chain's legacy binary form back; every shortfall is a {@link ChainFormatException}. */
final class ChainReader {
    private final byte[] data;
    private int position;

    ChainReader(byte[] data) {
        this.data = data.clone();
    }

    private void require(int count, String path) {
        if (count < 0 || data.length - position < count) {
            throw new ChainFormatException(path, "truncated: needs " + count + " more bytes at offset " + position
                    + ", " + (data.length - position) + " left");
        }
    }

    int u8(String path) {
        require(1, path);
        return data[position++] & 0xFF;
    }

    long littleEndian(int bytes, String path) {
        require(bytes, path);
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= (data[position++] & 0xFFL) << (8 * i);
        }
        return value;
    }

    long varint(String path) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8(path);
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new ChainFormatException(path, "varint longer than 64 bits");
    }

    /** A varint count or length, bounded by what is left so garbage cannot ask for gigabytes. */
    int length(String path) {
        long length = varint(path);
        if (length > data.length - position) {
            throw new ChainFormatException(path, "length " + length + " exceeds the " + (data.length - position)
                    + " bytes left");
        }
        return (int) length;
    }

    byte[] bytes(int count, String path) {
        require(count, path);
        byte[] out = new byte[count];
        System.arraycopy(data, position, out, 0, count);
        position += count;
        return out;
    }

    String string(String path) {
        byte[] utf8 = bytes(length(path), path);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ChainFormatException(path, "string is not valid UTF-8");
        }
    }

    void expectEnd(String path) {
        if (position != data.length) {
            throw new ChainFormatException(path, (data.length - position) + " unexpected bytes after the end");
        }
    }
}
