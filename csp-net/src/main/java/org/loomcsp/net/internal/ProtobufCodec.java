package org.loomcsp.net.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.Objects;
import org.loomcsp.net.Codec;

/** {@link Codec#protobuf(Message)}: protobuf messages of one type. */
public final class ProtobufCodec<M extends Message> implements Codec<M> {
    private final Class<?> type;
    private final Parser<? extends Message> parser;
    private final String name;

    public ProtobufCodec(M defaultInstance) {
        Objects.requireNonNull(defaultInstance, "defaultInstance");
        this.type = defaultInstance.getClass();
        this.parser = defaultInstance.getParserForType();
        this.name = "protobuf:" + defaultInstance.getDescriptorForType().getFullName();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] encode(M value) {
        if (value.getClass() != type) {
            throw new IllegalArgumentException("a " + value.getClass().getName()
                    + " on a channel of " + type.getName() + " (codec " + name + ")");
        }
        return value.toByteArray();
    }

    @Override
    @SuppressWarnings("unchecked")
    public M decode(byte[] bytes) {
        try {
            return (M) parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a valid " + name + " message: " + e.getMessage(), e);
        }
    }
}
