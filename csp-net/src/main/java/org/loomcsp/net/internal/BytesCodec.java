package org.loomcsp.net.internal;

import org.loomcsp.net.Codec;

/** {@link Codec#bytes()}: byte arrays as they are. */
public final class BytesCodec implements Codec<byte[]> {
    public static final BytesCodec INSTANCE = new BytesCodec();

    private BytesCodec() {}

    @Override
    public String name() {
        return "bytes";
    }

    @Override
    public byte[] encode(byte[] value) {
        return value;
    }

    @Override
    public byte[] decode(byte[] bytes) {
        return bytes;
    }
}
